import {
  type ChargedLimit,
  poolKey,
  type RateLimitCharge,
  type RateLimitOutcome,
  type Receipt,
} from "./rate-limit-charges.ts";

/** One pool's window: points taken, and when it ends (ms since the epoch, and as the answer's Date). */
type Window = { points: number; endsAt: number; resetAt: Date };

/** Swept of ended windows when the map passes this size (then twice what survived). */
const firstSweepAt = 1_024;

/**
 * The memory store of named rate limits: fixed windows that start with a pool's first charge, as
 * rate-limiter-flexible's memory limiter counts them, kept in one Map and decided synchronously.
 * rate-limiter-flexible's memory limiter answers through a promise and a result object per call;
 * on the verification hot path (a key with one limit, every call) that doubled what a limit costs,
 * see bench/README.md, so the memory store is this counter. It is also the Redis store's insurance
 * while Redis is unreachable.
 *
 * All or nothing: every limit is checked before any point is taken, so a refusal consumes nothing.
 * Ended windows are dropped when next charged, and swept when the map grows (amortized, no timer).
 */
export class LocalWindows {
  private readonly windows = new Map<string, Window>();
  /** Pool key per charge, computed once per (pool, rule) object pair a cached entry holds. */
  private readonly keys = new WeakMap<RateLimitCharge["rule"], Map<string, string>>();
  private sweepAt = firstSweepAt;

  charge(charges: readonly RateLimitCharge[], now: number): RateLimitOutcome {
    const windows: Window[] = [];
    let exceededAt = -1;
    for (let i = 0; i < charges.length; i++) {
      const { rule, cost } = charges[i] as RateLimitCharge;
      const window = this.window(charges[i] as RateLimitCharge, now);
      windows.push(window);
      // Cost 0 asks "is a point left?" without taking one.
      const fits = cost === 0 ? window.points < rule.limit : window.points + cost <= rule.limit;
      if (!fits && exceededAt < 0) exceededAt = i;
    }
    const charged: ChargedLimit[] = [];
    const receipts: Receipt[] = [];
    for (let i = 0; i < charges.length; i++) {
      const { rule, cost } = charges[i] as RateLimitCharge;
      const window = windows[i] as Window;
      if (exceededAt < 0) window.points += cost;
      charged.push({
        name: rule.name,
        limit: rule.limit,
        remaining: i === exceededAt ? 0 : Math.max(0, rule.limit - window.points),
        resetAt: window.resetAt,
        durationMs: rule.durationMs,
      });
      receipts.push({ store: "memory", windowEnd: window.endsAt });
    }
    const exceeded = exceededAt < 0 ? null : (charged[exceededAt] as ChargedLimit);
    return { charged, exceeded, degraded: false, receipts };
  }

  /** Gives each charge's points back to the window that took them, if it is still running. */
  refund(charges: readonly RateLimitCharge[], receipts: readonly Receipt[]): void {
    charges.forEach((charge, i) => {
      const window = this.windows.get(this.key(charge));
      if (window && window.endsAt === receipts[i]?.windowEnd) window.points = Math.max(0, window.points - charge.cost);
    });
  }

  /** Windows held (for tests and metrics). */
  get size(): number {
    return this.windows.size;
  }

  private window(charge: RateLimitCharge, now: number): Window {
    const key = this.key(charge);
    let window = this.windows.get(key);
    if (window === undefined || window.endsAt <= now) {
      if (window === undefined && this.windows.size >= this.sweepAt) this.sweep(now);
      const endsAt = now + charge.rule.durationMs;
      window = { points: 0, endsAt, resetAt: new Date(endsAt) };
      this.windows.set(key, window);
    }
    return window;
  }

  private key(charge: RateLimitCharge): string {
    let byPool = this.keys.get(charge.rule);
    if (byPool === undefined) {
      byPool = new Map();
      this.keys.set(charge.rule, byPool);
    }
    let key = byPool.get(charge.pool);
    if (key === undefined) {
      key = poolKey(charge);
      byPool.set(charge.pool, key);
    }
    return key;
  }

  private sweep(now: number): void {
    for (const [key, window] of this.windows) if (window.endsAt <= now) this.windows.delete(key);
    this.sweepAt = Math.max(firstSweepAt, 2 * this.windows.size);
  }
}
