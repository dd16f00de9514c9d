import type { Prisma } from "@tessera/db";
import { creditPeriodStart } from "../verification/credit-period.ts";
import {
  type CreditsInput,
  type CreditsSetting,
  type RateLimitRuleInput,
  validateCredits,
  validateIpAllowlist,
  validateRateLimits,
} from "./traffic-validation.ts";

/** A key's traffic controls as a create or update gives them; absent (undefined) leaves one as it is. */
export type TrafficInput = {
  /** Named rate limits; null or empty: none. */
  rateLimits?: readonly RateLimitRuleInput[] | null;
  /** Allowed client addresses and CIDR ranges; null or empty: any address. */
  ipAllowlist?: readonly string[] | null;
  /** Usage credits; null: unlimited. */
  credits?: CreditsInput | null;
};

/** The validated, normalized traffic controls; undefined fields are left as they are. */
export function validateTraffic(input: TrafficInput) {
  return {
    rateLimits: input.rateLimits === undefined ? undefined : validateRateLimits(input.rateLimits ?? []),
    ipAllowlist: input.ipAllowlist === undefined ? undefined : validateIpAllowlist(input.ipAllowlist ?? []),
    credits: input.credits === undefined ? undefined : validateCredits(input.credits),
  };
}

/**
 * Sets a key's credits (a partner setting `remaining` by hand, or new refill rules), or removes them
 * (unlimited). The current period counts as refilled, so a value set now is not overwritten by a
 * refill before the next period; an exhausted notice may be sent again.
 */
export async function writeCredits(
  tx: Prisma.TransactionClient,
  apiKeyId: string,
  credits: CreditsSetting | null,
  now: Date,
): Promise<void> {
  if (credits === null) {
    await tx.apiKeyCredits.deleteMany({ where: { apiKeyId } });
    return;
  }
  const data = {
    remaining: credits.remaining,
    refillAmount: credits.refill?.amount ?? null,
    refillInterval: credits.refill?.interval ?? null,
    refillDayOfMonth: credits.refill?.dayOfMonth ?? null,
    refilledFor: credits.refill ? creditPeriodStart(credits.refill, now) : null,
    exhaustedFor: null,
  };
  await tx.apiKeyCredits.upsert({ where: { apiKeyId }, create: { apiKeyId, ...data }, update: data });
}

/** Credits as the audit log records them. */
export function auditCredits(
  credits: {
    remaining: number;
    refillAmount: number | null;
    refillInterval: string | null;
    refillDayOfMonth: number | null;
  } | null,
): Prisma.InputJsonValue | null {
  if (!credits) return null;
  return {
    remaining: credits.remaining,
    refill: credits.refillAmount
      ? { amount: credits.refillAmount, interval: credits.refillInterval, dayOfMonth: credits.refillDayOfMonth }
      : null,
  };
}

/** The row form of a validated setting, for comparing with what is stored. */
export function creditsRow(credits: CreditsSetting | null) {
  return (
    credits && {
      remaining: credits.remaining,
      refillAmount: credits.refill?.amount ?? null,
      refillInterval: credits.refill?.interval ?? null,
      refillDayOfMonth: credits.refill?.dayOfMonth ?? null,
    }
  );
}
