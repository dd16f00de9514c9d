import {
  DomainError,
  refusalsByCode,
  topKeysByUsage,
  type UsagePeriod,
  type UsageRange,
  usageReport,
} from "@tessera/core";
import type { PrismaClient } from "@tessera/db";
import { builder } from "../builder.ts";
import { asGraphQLError, requireRead } from "../read-access.ts";
import { ApiKeyRef } from "./api-key.ts";
import { OrganizationRef } from "./organization.ts";
import { VerifyCodeEnum } from "./verification.ts";

const UsageGranularityEnum = builder.enumType("UsageGranularity", {
  description: "The size of usage buckets (UTC).",
  values: {
    HOUR: { description: "One bucket per hour (at most 744 per request)." },
    DAY: { description: "One bucket per day (at most 366 per request)." },
  } as const,
});

const UsageCountRef = builder.objectRef<{ code: string; count: number }>("UsageCount").implement({
  description: "How many verifications in a bucket had one outcome.",
  fields: (t) => ({
    code: t.field({ type: VerifyCodeEnum, description: "The outcome.", resolve: (c) => c.code as never }),
    count: t.exposeInt("count", { description: "How many verifications had it." }),
  }),
});

const UsageBucketRef = builder
  .objectRef<{ start: Date; total: number; byCode: { code: string; count: number }[] }>("UsageBucket")
  .implement({
    description: "Verifications in one hour or day. Counts arrive a few seconds after the verifications.",
    fields: (t) => ({
      start: t.expose("start", { type: "DateTime", description: "The bucket's first instant (UTC)." }),
      total: t.exposeInt("total", { description: "Every verification in the bucket, valid or not." }),
      byCode: t.field({
        type: [UsageCountRef],
        description: "Counts by outcome, VALID and each refusal code; outcomes that did not occur are left out.",
        resolve: (bucket) => bucket.byCode,
      }),
    }),
  });

const usageArgs = builder.args((t) => ({
  since: t.field({ type: "DateTime", required: true, description: "From this instant (its bucket included)." }),
  until: t.field({ type: "DateTime", required: true, description: "Up to this instant (exclusive)." }),
  granularity: t.field({
    type: UsageGranularityEnum,
    defaultValue: "HOUR",
    description: "Hourly (default) or daily buckets.",
  }),
}));

/** Runs a usage read, turning a refused range into a GraphQL error with its message. */
async function reading<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    throw error instanceof DomainError ? asGraphQLError(error) : error;
  }
}

const report = (prisma: PrismaClient, of: Parameters<typeof usageReport>[1], range: UsageRange) =>
  reading(() => usageReport(prisma, of, range));

const periodArgs = builder.args((t) => ({
  since: t.field({ type: "DateTime", required: true, description: "From the UTC day containing this instant." }),
  until: t.field({
    type: "DateTime",
    required: true,
    description: "Up to this instant (exclusive); at most 366 days.",
  }),
}));

type KeyTotal = { apiKey: { id: string; organizationId: string }; total: number; valid: number; refused: number };

const ApiKeyUsageTotalRef = builder.objectRef<KeyTotal>("ApiKeyUsageTotal").implement({
  description: "One key's verifications over a period.",
  fields: (t) => ({
    apiKey: t.field({ type: ApiKeyRef, description: "The key.", resolve: (row) => row.apiKey as never }),
    total: t.exposeInt("total", { description: "Every verification of the key in the period, valid or not." }),
    valid: t.exposeInt("valid", { description: "Verifications answered VALID." }),
    refused: t.exposeInt("refused", { description: "Verifications refused, whatever the code." }),
  }),
});

async function topKeys(prisma: PrismaClient, organizationId: string, period: UsagePeriod, first: number, now: Date) {
  const totals = await reading(() => topKeysByUsage(prisma, organizationId, period, first, now));
  const keys = await prisma.apiKey.findMany({ where: { id: { in: totals.map((t) => t.apiKeyId) }, organizationId } });
  const byId = new Map(keys.map((key) => [key.id, key]));
  // A key deleted between the two reads is left out.
  return totals.flatMap(({ apiKeyId, ...counts }) => {
    const apiKey = byId.get(apiKeyId);
    return apiKey ? [{ apiKey, ...counts }] : [];
  });
}

builder.prismaObjectFields(ApiKeyRef, (t) => ({
  usage: t.field({
    type: [UsageBucketRef],
    description:
      "This key's verifications per hour or day, by outcome, from `since` to `until`; empty buckets included.",
    select: { id: true },
    args: usageArgs,
    resolve: (key, args, ctx) =>
      report(ctx.prisma, { apiKeyId: key.id }, { ...args, granularity: args.granularity ?? "HOUR" }),
  }),
}));

builder.prismaObjectFields(OrganizationRef, (t) => ({
  verificationUsage: t.field({
    type: [UsageBucketRef],
    description:
      "Verifications of all the organization's keys per hour or day, by outcome. Daily buckets are whole UTC days from the organization's daily totals, which keep the usage of keys deleted since. Needs `keys:read`.",
    select: { id: true },
    args: usageArgs,
    resolve: async (org, args, ctx) => {
      await requireRead(ctx, org.id, "keys");
      return report(ctx.prisma, { organizationId: org.id }, { ...args, granularity: args.granularity ?? "HOUR" });
    },
  }),
  verificationTopKeys: t.field({
    type: [ApiKeyUsageTotalRef],
    description:
      "The organization's keys with the most verifications over a period (whole UTC days), most first. Deleted keys are left out. Live to the last usage flush; the last 30 days (to the end of today) are ranked from running totals kept per key. Needs `keys:read`.",
    select: { id: true },
    args: {
      ...periodArgs,
      first: t.arg.int({ defaultValue: 10, description: "How many keys (1..100, default 10)." }),
    },
    resolve: async (org, args, ctx) => {
      await requireRead(ctx, org.id, "keys");
      return topKeys(ctx.prisma, org.id, args, args.first ?? 10, ctx.clock.now());
    },
  }),
  verificationRefusals: t.field({
    type: [UsageCountRef],
    description:
      "The organization's refused verifications over a period (whole UTC days) by code, most frequent first; codes that did not occur are left out. Needs `keys:read`.",
    select: { id: true },
    args: periodArgs,
    resolve: async (org, args, ctx) => {
      await requireRead(ctx, org.id, "keys");
      return reading(() => refusalsByCode(ctx.prisma, org.id, args));
    },
  }),
}));
