import type { Redis } from "ioredis";
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";
import type { RateLimitRule } from "../api-keys/traffic-validation.ts";
import { type Batch, GroupCommit } from "./group-commit.ts";
import { LocalWindows } from "./local-windows.ts";
import { type ChargedLimit, poolKey, type RateLimitCharge, type RateLimitOutcome } from "./rate-limit-charges.ts";

export type { ChargedLimit, RateLimitCharge, RateLimitOutcome };

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

/** One charge's fate in the shared store: its state after the batch, and whether it was admitted. */
type Consumed = { state: ChargedLimit; exceeded: boolean; insured: boolean };

/**
 * Named rate limits: fixed windows of `durationMs` that start with the first charge.
 *
 * In memory (the default) each instance counts alone (N instances admit up to N× a limit) in
 * LocalWindows, synchronously: a key with limits pays a map read and an addition, no promise.
 *
 * With Redis every instance shares one counter per pool through rate-limiter-flexible's Redis
 * limiter (an atomic INCRBY in a Lua script), with a memory insurance limiter answering while Redis
 * is unreachable. Charges of one pool that arrive while its previous command runs wait and then go
 * together in one command (a group commit per pool, as for credits): the command adds their total,
 * and from the counter it returns, each is admitted in arrival order while it fits; what did not fit
 * is given back at once. Exact across instances (every admission is decided on an atomic counter),
 * and a hot key costs one Redis round trip per batch instead of one per verification.
 *
 * A refused verification consumes nothing: when one limit is out of points, the others' points taken
 * by this call are given back; the caller also gives them back (`refund`) when credits refuse.
 */
export class RateLimits {
  private readonly local: LocalWindows | null;
  private readonly limiters = new Map<string, RateLimiterRedis>();
  private readonly batches = new GroupCommit<RateLimitRule, Consumed>((key, batch) => this.runBatch(key, batch));

  constructor(private readonly store: RateLimitStoreOptions) {
    this.local = store.kind === "memory" ? new LocalWindows() : null;
  }

  /** Charges every limit, or none of them. Synchronous in memory, a promise with Redis. */
  charge(charges: readonly RateLimitCharge[]): RateLimitOutcome | Promise<RateLimitOutcome> {
    if (this.local) return this.local.charge(charges, Date.now());
    return this.chargeShared(charges);
  }

  /** Gives back the points of these charges (a later check refused the verification). */
  refund(charges: readonly RateLimitCharge[]): undefined | Promise<void> {
    if (this.local) {
      this.local.refund(charges, Date.now());
      return;
    }
    return this.refundShared(charges);
  }

  private async chargeShared(charges: readonly RateLimitCharge[]): Promise<RateLimitOutcome> {
    const results = await Promise.all(charges.map((charge) => this.consume(charge)));
    const charged = results.map((r) => r.state);
    const degraded = results.some((r) => r.insured);
    const exceededAt = results.findIndex((r) => r.exceeded);
    if (exceededAt < 0) return { charged, exceeded: null, degraded };
    // The refused charge's points went back with its batch; the admitted ones go back now.
    await this.refundShared(charges.filter((_, i) => !results[i]?.exceeded));
    const exceeded = charged[exceededAt] as ChargedLimit;
    return { charged, exceeded: { ...exceeded, remaining: 0 }, degraded };
  }

  private async refundShared(charges: readonly RateLimitCharge[]): Promise<void> {
    await Promise.all(
      charges
        .filter((charge) => charge.cost > 0)
        .map((charge) => this.limiter(charge.rule).reward(poolKey(charge), charge.cost, {})),
    );
  }

  /** Queues the charge in its pool's next batch (see the class comment). */
  private consume(charge: RateLimitCharge): Promise<Consumed> {
    return this.batches.submit(poolKey(charge), charge.rule, charge.cost);
  }

  private async runBatch(key: string, { context: rule, waiting }: Batch<RateLimitRule, Consumed>): Promise<void> {
    const total = waiting.reduce((sum, w) => sum + w.cost, 0);
    const options: CallOptions = {};
    let res: RateLimiterRes;
    try {
      res = await this.limiter(rule).consume(key, total, options as Record<string, unknown>);
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) throw error;
      res = error; // over the limit after this batch: some of it may still fit
    }
    const insured = options.insured === true;
    const resetAt = new Date(Date.now() + res.msBeforeNext);
    // The counter before this batch's increment; admit in arrival order while each fits.
    let counter = res.consumedPoints - total;
    let notAdmitted = 0;
    const outcomes = waiting.map((w) => {
      // Cost 0 asks "is a point left?" without taking one.
      const fits = w.cost === 0 ? counter < rule.limit : counter + w.cost <= rule.limit;
      if (fits) counter += w.cost;
      else notAdmitted += w.cost;
      return { fits, remaining: fits ? Math.max(0, rule.limit - counter) : 0 };
    });
    if (notAdmitted > 0) await this.limiter(rule).reward(key, notAdmitted, {});
    waiting.forEach((w, i) => {
      const { fits, remaining } = outcomes[i] as { fits: boolean; remaining: number };
      const state = { name: rule.name, limit: rule.limit, remaining, resetAt, durationMs: rule.durationMs };
      w.resolve({ state, exceeded: !fits, insured });
    });
  }

  /** One limiter per (limit, window): rate-limiter-flexible fixes both per limiter. */
  private limiter(rule: RateLimitRule): RateLimiterRedis {
    const id = `${rule.limit}:${rule.durationMs}`;
    let limiter = this.limiters.get(id);
    if (!limiter && this.store.kind === "redis") {
      const options = { points: rule.limit, duration: rule.durationMs / 1000 };
      limiter = new RateLimiterRedis({
        ...options,
        storeClient: this.store.client,
        keyPrefix: "tessera_rl",
        // Not connected: answer from memory at once instead of queueing behind a dead socket.
        rejectIfRedisNotReady: true,
        insuranceLimiter: new InsuranceLimiter(options),
      });
      this.limiters.set(id, limiter);
    }
    return limiter as RateLimiterRedis;
  }
}
