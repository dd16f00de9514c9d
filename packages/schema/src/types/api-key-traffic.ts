import { creditPeriodStart, type RateLimitRule } from "@tessera/core";
import type { ApiKeyCredits } from "@tessera/db";
import { builder } from "../builder.ts";
import { ApiKeyRef } from "./api-key.ts";
import { CustomerAccountRef } from "./customer-account.ts";

export const RateLimitInput = builder.inputType("RateLimitInput", {
  description: "A named rate limit: at most `limit` points per window of `durationMs`.",
  fields: (t) => ({
    name: t.string({
      required: true,
      description: "`^[a-z][a-z0-9_-]{0,31}$`, unique on the key (or account); verifications name it to charge it.",
    }),
    limit: t.int({ required: true, description: "Points per window, at least 1." }),
    durationMs: t.int({ required: true, description: "The window in milliseconds: whole seconds, 1 s to 30 days." }),
    autoApply: t.boolean({
      defaultValue: false,
      description: "Charge one point on every verification, even when not named.",
    }),
  }),
});

export const RateLimitRef = builder.objectRef<RateLimitRule>("RateLimit").implement({
  description: "A named rate limit of a key or a customer account.",
  fields: (t) => ({
    name: t.exposeString("name", { description: "The limit's name." }),
    limit: t.exposeInt("limit", { description: "Points per window." }),
    durationMs: t.exposeInt("durationMs", { description: "The window, in milliseconds." }),
    autoApply: t.exposeBoolean("autoApply", { description: "Charged on every verification, even when not named." }),
  }),
});

export const CreditRefillIntervalEnum = builder.enumType("CreditRefillInterval", {
  description: "How often usage credits are refilled.",
  values: {
    DAILY: { description: "Every day at 00:00 UTC." },
    MONTHLY: { description: "Every month on `dayOfMonth` at 00:00 UTC (the last day in shorter months)." },
  } as const,
});

const CreditRefillInput = builder.inputType("CreditRefillInput", {
  description: "A refill: `remaining` is SET to `amount` (not increased by it) once per interval.",
  fields: (t) => ({
    amount: t.int({ required: true, description: "What `remaining` becomes at each refill, at least 1." }),
    interval: t.field({ type: CreditRefillIntervalEnum, required: true, description: "DAILY or MONTHLY." }),
    dayOfMonth: t.int({ description: "MONTHLY only: the day of the month, 1-31 (default 1)." }),
  }),
});

export const CreditsInput = builder.inputType("CreditsInput", {
  description: "Usage credits: each VALID verification spends its credit cost (default 1).",
  fields: (t) => ({
    remaining: t.int({ required: true, description: "Credits left now (0 or more)." }),
    refill: t.field({ type: CreditRefillInput, description: "How the credits refill; null: never." }),
  }),
});

type Credits = { row: ApiKeyCredits; now: Date };

const CreditRefillRef = builder.objectRef<ApiKeyCredits>("CreditRefill").implement({
  description: "How a key's credits refill.",
  fields: (t) => ({
    amount: t.int({ description: "What `remaining` is set to at each refill.", resolve: (r) => r.refillAmount ?? 0 }),
    interval: t.field({
      type: CreditRefillIntervalEnum,
      description: "DAILY or MONTHLY.",
      resolve: (r) => r.refillInterval ?? "DAILY",
    }),
    dayOfMonth: t.exposeInt("refillDayOfMonth", { nullable: true, description: "MONTHLY: the day of the month." }),
  }),
});

const ApiKeyCreditsRef = builder.objectRef<Credits>("ApiKeyCredits").implement({
  description: "A key's usage credits.",
  fields: (t) => ({
    remaining: t.int({
      description: "Credits left now (a refill that is due counts as done).",
      resolve: ({ row, now }) => (refillDue(row, now) ? (row.refillAmount ?? 0) : row.remaining),
    }),
    refill: t.field({
      type: CreditRefillRef,
      nullable: true,
      description: "How the credits refill; null: never.",
      resolve: ({ row }) => (row.refillAmount === null ? null : row),
    }),
    refilledAt: t.field({
      type: "DateTime",
      nullable: true,
      description: "The start of the period last refilled (or set by hand).",
      resolve: ({ row }) => row.refilledFor,
    }),
  }),
});

function refillDue(row: ApiKeyCredits, now: Date): boolean {
  if (row.refillAmount === null || row.refillInterval === null) return false;
  const period = creditPeriodStart(
    { amount: row.refillAmount, interval: row.refillInterval, dayOfMonth: row.refillDayOfMonth },
    now,
  );
  return row.refilledFor === null || row.refilledFor < period;
}

builder.prismaObjectFields(ApiKeyRef, (t) => ({
  rateLimits: t.field({
    type: [RateLimitRef],
    description: "The key's named rate limits (empty: none).",
    select: { rateLimits: true },
    resolve: (key) => key.rateLimits as RateLimitRule[],
  }),
  ipAllowlist: t.exposeStringList("ipAllowlist", {
    description: "Client addresses and CIDR ranges verification accepts (normalized); empty: any address.",
  }),
  credits: t.field({
    type: ApiKeyCreditsRef,
    nullable: true,
    description: "The key's usage credits; null: unlimited usage.",
    select: { credits: true },
    resolve: (key, _args, ctx) => (key.credits ? { row: key.credits, now: ctx.clock.now() } : null),
  }),
}));

builder.prismaObjectFields(CustomerAccountRef, (t) => ({
  rateLimits: t.field({
    type: [RateLimitRef],
    description: "Rate limits shared by every key used with this account's token (one pool per account).",
    select: { rateLimits: true },
    resolve: (account) => account.rateLimits as RateLimitRule[],
  }),
}));
