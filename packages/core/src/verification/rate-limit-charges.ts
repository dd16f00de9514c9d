import type { RateLimitRule } from "../api-keys/traffic-validation.ts";

/** One limit to charge: the pool (a key's or an account's), the rule and the points. */
export type RateLimitCharge = { pool: string; rule: RateLimitRule; cost: number };

/** A charged limit as the answer reports it (`durationMs` is for the HTTP door's policy header). */
export type ChargedLimit = { name: string; limit: number; remaining: number; resetAt: Date; durationMs: number };

export type RateLimitOutcome = {
  /** Every charged limit, in the order charged. */
  charged: ChargedLimit[];
  /** The first limit that had no points left (nothing was consumed then), or null. */
  exceeded: ChargedLimit | null;
  /** True when Redis was unreachable and this instance's memory limiter decided. */
  degraded: boolean;
};

/** The counter's key: the pool, the limit's name and its window (a changed window starts afresh). */
export function poolKey(charge: RateLimitCharge): string {
  return `${charge.pool}:${charge.rule.name}:${charge.rule.durationMs}`;
}
