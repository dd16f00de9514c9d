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
  /** Per charge, where its points were taken, so that a refund gives them back there and only there. */
  receipts: readonly Receipt[];
};

/**
 * Where a charge's points were taken: the store (this instance's memory, or Redis) and the window
 * (when it ends, in that store's clock). A refund gives points back only to that same window: after
 * it ended, nothing is given back (a new window must not start with points it never took).
 */
export type Receipt = { store: "memory" | "redis"; windowEnd: number };

/** The counter's key: the pool, the limit's name and its window (a changed window starts afresh). */
export function poolKey(charge: RateLimitCharge): string {
  return `${charge.pool}:${charge.rule.name}:${charge.rule.durationMs}`;
}
