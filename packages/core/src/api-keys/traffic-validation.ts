import { ValidationError } from "../errors.ts";
import { formatIpRange, parseIpRange } from "../verification/ip-allowlist.ts";

/**
 * Validation of a key's traffic controls (named rate limits, usage credits, IP allowlist), shared by
 * the server and the console (through `@tessera/core/validation`, so nothing here may import a
 * `node:` module). Each function returns the normalized value or throws a ValidationError naming the
 * field and saying exactly what is wrong.
 */

export const rateLimitNamePattern = /^[a-z][a-z0-9_-]{0,31}$/;
export const maxRateLimits = 20;
export const minRateLimitDurationMs = 1_000;
export const maxRateLimitDurationMs = 30 * 86_400_000;
export const maxRateLimit = 1_000_000_000;
export const maxCredits = 2_147_483_647;
export const maxIpAllowlist = 100;

/** A named rate limit: at most `limit` points per window of `durationMs`. */
export type RateLimitRule = { name: string; limit: number; durationMs: number; autoApply: boolean };
export type RateLimitRuleInput = { name: string; limit: number; durationMs: number; autoApply?: boolean | null };

export type CreditRefillInterval = "DAILY" | "MONTHLY";
/** Usage credits: what is left, and how they refill (null: never). */
export type CreditsSetting = {
  remaining: number;
  refill: { amount: number; interval: CreditRefillInterval; dayOfMonth: number | null } | null;
};
export type CreditsInput = {
  remaining: number;
  refill?: { amount: number; interval: CreditRefillInterval; dayOfMonth?: number | null } | null;
};

function wholeNumber(value: number, min: number, max: number): boolean {
  return Number.isInteger(value) && value >= min && value <= max;
}

/** Names unique, `^[a-z][a-z0-9_-]{0,31}$`; limit 1..1e9; duration in whole seconds, 1 s to 30 days. */
export function validateRateLimits(limits: readonly RateLimitRuleInput[], field = "rateLimits"): RateLimitRule[] {
  if (limits.length > maxRateLimits) {
    throw new ValidationError(`At most ${maxRateLimits} rate limits (got ${limits.length}).`, field);
  }
  const seen = new Set<string>();
  return limits.map((limit) => {
    const name = limit.name.trim();
    if (!rateLimitNamePattern.test(name)) {
      throw new ValidationError(
        `"${limit.name}" is not a valid rate limit name: a lower-case letter, then up to 31 lower-case letters, digits, "_" or "-".`,
        field,
      );
    }
    if (seen.has(name)) throw new ValidationError(`The rate limit "${name}" is listed twice.`, field);
    seen.add(name);
    if (!wholeNumber(limit.limit, 1, maxRateLimit)) {
      throw new ValidationError(`The rate limit "${name}" needs a limit from 1 to ${maxRateLimit}.`, field);
    }
    if (
      !wholeNumber(limit.durationMs, minRateLimitDurationMs, maxRateLimitDurationMs) ||
      limit.durationMs % 1000 !== 0
    ) {
      throw new ValidationError(
        `The rate limit "${name}" needs a duration in whole seconds from 1 s (1000 ms) to 30 days (${maxRateLimitDurationMs} ms).`,
        field,
      );
    }
    return { name, limit: limit.limit, durationMs: limit.durationMs, autoApply: limit.autoApply ?? false };
  });
}

/**
 * Limits as stored (a jsonb column orders each object's keys its own way) in the shape
 * `validateRateLimits` returns, so stored and new limits compare as JSON: re-sending the same limits
 * is no change.
 */
export function storedRateLimits(stored: unknown): RateLimitRule[] {
  return (stored as RateLimitRule[]).map(({ name, limit, durationMs, autoApply }) => ({
    name,
    limit,
    durationMs,
    autoApply,
  }));
}

/** Credits: remaining 0..2^31-1; a refill of 1.. credits DAILY, or MONTHLY on a day of the month 1..31 (default 1). */
export function validateCredits(credits: CreditsInput | null): CreditsSetting | null {
  if (credits === null) return null;
  if (!wholeNumber(credits.remaining, 0, maxCredits)) {
    throw new ValidationError(`Remaining credits must be a whole number from 0 to ${maxCredits}.`, "credits");
  }
  const refill = credits.refill ?? null;
  if (refill === null) return { remaining: credits.remaining, refill: null };
  if (!wholeNumber(refill.amount, 1, maxCredits)) {
    throw new ValidationError(`The refill amount must be a whole number from 1 to ${maxCredits}.`, "credits");
  }
  if (refill.interval === "DAILY") {
    if (refill.dayOfMonth != null) {
      throw new ValidationError("A DAILY refill happens every day: leave dayOfMonth out.", "credits");
    }
    return { remaining: credits.remaining, refill: { amount: refill.amount, interval: "DAILY", dayOfMonth: null } };
  }
  const dayOfMonth = refill.dayOfMonth ?? 1;
  if (!wholeNumber(dayOfMonth, 1, 31)) {
    throw new ValidationError(
      "The refill day of the month must be 1 to 31 (shorter months refill on their last day).",
      "credits",
    );
  }
  return { remaining: credits.remaining, refill: { amount: refill.amount, interval: "MONTHLY", dayOfMonth } };
}

/**
 * IPv4/IPv6 addresses and CIDR ranges, trimmed and normalized (`10.1.2.3/8` → `10.0.0.0/8`,
 * `::ffff:10.0.0.1` → `10.0.0.1`, IPv6 compressed and lower-case), duplicates dropped.
 */
export function validateIpAllowlist(entries: readonly string[]): string[] {
  if (entries.length > maxIpAllowlist) {
    throw new ValidationError(`At most ${maxIpAllowlist} addresses or ranges (got ${entries.length}).`, "ipAllowlist");
  }
  const result: string[] = [];
  for (const raw of entries) {
    const range = parseIpRange(raw.trim());
    if (typeof range === "string") throw new ValidationError(range, "ipAllowlist");
    const normalized = formatIpRange(range);
    if (!result.includes(normalized)) result.push(normalized);
  }
  return result;
}
