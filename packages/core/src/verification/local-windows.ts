import {
  type ChargedLimit,
  poolKey,
  type RateLimitCharge,
  type RateLimitOutcome,
  type Receipt,
} from "./rate-limit-charges.ts";

/**
 * One pool's window: points taken, and when it ends (ms since the epoch, and as the answer's Date),
 * with the receipts of a single charge in it (the same for every charge of the window).
 */
type Window = { points: number; endsAt: number; resetAt: Date; receipts: readonly Receipt[] };

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
    if (charges.length === 1) return this.chargeOne(charges[0] as RateLimitCharge, now);
    const windows: Window[] = [];
    let exceededAt = -1;
    for (let i = 0; i < charges.length; i++) {
      const charge = charges[i] as RateLimitCharge;
      const window = this.window(charge, now);
      windows.push(window);
      if (!fits(charge, window) && exceededAt < 0) exceededAt = i;
    }
    const charged: ChargedLimit[] = [];
    const receipts: Receipt[] = [];
    for (let i = 0; i < charges.length; i++) {
      const charge = charges[i] as RateLimitCharge;
      const window = windows[i] as Window;
      if (exceededAt < 0) window.points += charge.cost;
      charged.push(state(charge, window, i === exceededAt));
      receipts.push(window.receipts[0] as Receipt);
    }
    const exceeded = exceededAt < 0 ? null : (charged[exceededAt] as ChargedLimit);
    return { charged, exceeded, degraded: false, receipts };
  }

  /** The common case (a key with one limit): the same, without the arrays of the general one. */
  private chargeOne(charge: RateLimitCharge, now: number): RateLimitOutcome {
    const window = this.window(charge, now);
    const admitted = fits(charge, window);
    if (admitted) window.points += charge.cost;
    const limit = state(charge, window, !admitted);
    return { charged: [limit], exceeded: admitted ? null : limit, degraded: false, receipts: window.receipts };
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
      window = { points: 0, endsAt, resetAt: new Date(endsAt), receipts: [{ store: "memory", windowEnd: endsAt }] };
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

/** Whether the charge fits what is left; cost 0 asks "is a point left?" without taking one. */
function fits({ rule, cost }: RateLimitCharge, window: Window): boolean {
  return cost === 0 ? window.points < rule.limit : window.points + cost <= rule.limit;
}

/** The limit as the answer reports it, after this charge (0 left when it is the one exceeded). */
function state({ rule }: RateLimitCharge, window: Window, exceeded: boolean): ChargedLimit {
  return {
    name: rule.name,
    limit: rule.limit,
    remaining: exceeded ? 0 : Math.max(0, rule.limit - window.points),
    resetAt: window.resetAt,
    durationMs: rule.durationMs,
  };
}
