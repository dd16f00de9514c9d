import type { Redis } from "ioredis";
import { type RateLimiterAbstract, RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";
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

/** Options rate-limiter-flexible hands to the insurance limiter unchanged: a per-call marker. */
type CallOptions = { insured?: boolean };

/** The memory limiter rate-limiter-flexible falls back to when Redis fails; it marks the call. */
class InsuranceLimiter extends RateLimiterMemory {
  override consume(key: string | number, points?: number, options: CallOptions = {}) {
    options.insured = true;
    return super.consume(key, points, options as Record<string, unknown>);
  }
}

export type RateLimitStoreOptions = { kind: "memory" } | { kind: "redis"; client: Redis };

/**
 * Named rate limits: fixed windows of `durationMs` that start with the first charge, with
 * rate-limiter-flexible. In memory each instance counts alone (N instances admit up to N× a limit);
 * with Redis every instance shares one counter per pool (an atomic INCRBY in a Lua script), and a
 * memory insurance limiter answers while Redis is unreachable.
 *
 * A refused verification consumes nothing: when one limit is out of points, every point this call
 * took (that limit's too, which the store counts before deciding) is given back; the caller also
 * gives them back (`refund`) when the last check (credits) refuses.
 */
export class RateLimits {
  private readonly limiters = new Map<string, RateLimiterAbstract>();

  constructor(private readonly store: RateLimitStoreOptions) {}

  async charge(charges: readonly RateLimitCharge[]): Promise<RateLimitOutcome> {
    const calls = charges.map((charge) => this.consume(charge));
    const results = await Promise.all(calls);
    const charged = results.map((r) => r.state);
    const degraded = results.some((r) => r.insured);
    const exceededAt = results.findIndex((r) => r.exceeded);
    if (exceededAt < 0) return { charged, exceeded: null, degraded };
    await this.refund(charges);
    const exceeded = charged[exceededAt] as ChargedLimit;
    return { charged, exceeded: { ...exceeded, remaining: 0 }, degraded };
  }

  /** Gives back the points of these charges (a later check refused the verification). */
  async refund(charges: readonly RateLimitCharge[]): Promise<void> {
    await Promise.all(
      charges
        .filter((charge) => charge.cost > 0)
        .map((charge) => this.limiter(charge.rule).reward(poolKey(charge), charge.cost, {})),
    );
  }

  private async consume(
    charge: RateLimitCharge,
  ): Promise<{ state: ChargedLimit; exceeded: boolean; insured: boolean }> {
    const options: CallOptions = {};
    const { rule, cost } = charge;
    let res: RateLimiterRes;
    let rejected = false;
    try {
      res = await this.limiter(rule).consume(poolKey(charge), cost, options as Record<string, unknown>);
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) throw error;
      res = error;
      rejected = true;
    }
    // Cost 0 asks "is a point left?" without taking one.
    const exceeded = rejected || res.consumedPoints > rule.limit || (cost === 0 && res.consumedPoints >= rule.limit);
    const state: ChargedLimit = {
      name: rule.name,
      limit: rule.limit,
      remaining: exceeded ? 0 : Math.max(0, rule.limit - res.consumedPoints),
      resetAt: new Date(Date.now() + res.msBeforeNext),
      durationMs: rule.durationMs,
    };
    return { state, exceeded, insured: options.insured === true };
  }

  /** One limiter per (limit, window): rate-limiter-flexible fixes both per limiter. */
  private limiter(rule: RateLimitRule): RateLimiterAbstract {
    const id = `${rule.limit}:${rule.durationMs}`;
    let limiter = this.limiters.get(id);
    if (!limiter) {
      const options = { points: rule.limit, duration: rule.durationMs / 1000 };
      limiter =
        this.store.kind === "memory"
          ? new RateLimiterMemory(options)
          : new RateLimiterRedis({
              ...options,
              storeClient: this.store.client,
              keyPrefix: "tessera_rl",
              // Not connected: answer from memory at once instead of queueing behind a dead socket.
              rejectIfRedisNotReady: true,
              insuranceLimiter: new InsuranceLimiter(options),
            });
      this.limiters.set(id, limiter);
    }
    return limiter;
  }
}

/** The counter's key: the pool, the limit's name and its window (a changed window starts afresh). */
function poolKey(charge: RateLimitCharge): string {
  return `${charge.pool}:${charge.rule.name}:${charge.rule.durationMs}`;
}
