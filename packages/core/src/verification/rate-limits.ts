import type { Redis } from "ioredis";
import { type Batch, GroupCommit } from "./group-commit.ts";
import { LocalWindows } from "./local-windows.ts";
import {
  type ChargedLimit,
  poolKey,
  type RateLimitCharge,
  type RateLimitOutcome,
  type Receipt,
} from "./rate-limit-charges.ts";
import { RedisWindows } from "./redis-windows.ts";

export type { ChargedLimit, RateLimitCharge, RateLimitOutcome, Receipt };

export type RateLimitStoreOptions = { kind: "memory" } | { kind: "redis"; client: Redis };

/** One charge's fate in the shared store: its state after the batch, whether it was admitted, and where. */
type Consumed = { state: ChargedLimit; exceeded: boolean; receipt: Receipt };

/**
 * Named rate limits: fixed windows of `durationMs` that start with the first charge.
 *
 * In memory (the default) each instance counts alone (N instances admit up to N× a limit) in
 * LocalWindows, synchronously: a key with limits pays a map read and an addition, no promise.
 *
 * With Redis every instance shares one counter per pool (RedisWindows: one Lua script admits and
 * adds atomically). Charges of one pool that arrive while its previous script runs wait and then go
 * together in the next one (a group commit per pool, as for credits): each is admitted in arrival
 * order while it fits, and only what is admitted is added, so a hot key costs one Redis round trip
 * per batch instead of one per verification and never more than `limit` points pass in a window,
 * whatever the number of instances. While Redis is unreachable, this instance's memory store decides
 * (`degraded`), so valid traffic keeps flowing.
 *
 * A refused verification consumes nothing: when one limit is out of points, the others' points taken
 * by this call are given back; the caller also gives them back (`refund`) when credits refuse. Points
 * go back only to the window (and the store) that took them.
 */
export class RateLimits {
  private readonly local = new LocalWindows();
  private readonly redis: RedisWindows | null;
  private readonly batches = new GroupCommit<RateLimitCharge, Consumed>((key, batch) => this.runBatch(key, batch));

  constructor(store: RateLimitStoreOptions) {
    this.redis = store.kind === "redis" ? new RedisWindows(store.client) : null;
  }

  /** Charges every limit, or none of them. Synchronous in memory, a promise with Redis. */
  charge(charges: readonly RateLimitCharge[]): RateLimitOutcome | Promise<RateLimitOutcome> {
    if (!this.redis) return this.local.charge(charges, Date.now());
    return this.chargeShared(charges);
  }

  /** Gives back the points of these charges (a later check refused the verification). */
  refund(charges: readonly RateLimitCharge[], receipts: readonly Receipt[]): undefined | Promise<void> {
    const shared = this.redis;
    if (!shared) {
      this.local.refund(charges, receipts);
      return;
    }
    const calls: Promise<void>[] = [];
    charges.forEach((charge, i) => {
      const receipt = receipts[i];
      if (!receipt || charge.cost === 0) return;
      if (receipt.store === "memory") this.local.refund([charge], [receipt]);
      else calls.push(shared.refund(poolKey(charge), charge.cost, receipt).catch(() => {}));
    });
    return Promise.all(calls).then(() => undefined);
  }

  private async chargeShared(charges: readonly RateLimitCharge[]): Promise<RateLimitOutcome> {
    const results = await Promise.all(
      charges.map((charge) => this.batches.submit(poolKey(charge), charge, charge.cost)),
    );
    const charged = results.map((r) => r.state);
    const receipts = results.map((r) => r.receipt);
    const degraded = receipts.some((r) => r.store === "memory");
    const exceededAt = results.findIndex((r) => r.exceeded);
    if (exceededAt < 0) return { charged, exceeded: null, degraded, receipts };
    // Nothing was taken for the refused charges; what the others took goes back now.
    const admitted = charges.filter((_, i) => !results[i]?.exceeded);
    await this.refund(
      admitted,
      receipts.filter((_, i) => !results[i]?.exceeded),
    );
    const exceeded = charged[exceededAt] as ChargedLimit;
    return { charged, exceeded: { ...exceeded, remaining: 0 }, degraded, receipts };
  }

  /** One script for the batch; while Redis cannot answer, this instance's memory decides each charge. */
  private async runBatch(key: string, { context, waiting }: Batch<RateLimitCharge, Consumed>): Promise<void> {
    const { rule } = context;
    const costs = waiting.map((w) => w.cost);
    let admission: Awaited<ReturnType<RedisWindows["admit"]>>;
    try {
      admission = await (this.redis as RedisWindows).admit(key, rule, costs);
    } catch {
      this.insure(context, waiting);
      return;
    }
    const { counter, msLeft, receipt, admitted } = admission;
    const resetAt = new Date(Date.now() + msLeft);
    // The counter before this batch, then each admitted charge in arrival order.
    let running = counter - costs.reduce((sum, cost, i) => (admitted[i] ? sum + cost : sum), 0);
    waiting.forEach((w, i) => {
      const fits = admitted[i] === true;
      if (fits) running += w.cost;
      const remaining = fits ? Math.max(0, rule.limit - running) : 0;
      const state = { name: rule.name, limit: rule.limit, remaining, resetAt, durationMs: rule.durationMs };
      w.resolve({ state, exceeded: !fits, receipt });
    });
  }

  /** Redis unreachable: the memory store answers each waiting charge (and the answer says degraded). */
  private insure({ pool, rule }: RateLimitCharge, waiting: Batch<RateLimitCharge, Consumed>["waiting"]): void {
    const now = Date.now();
    for (const w of waiting) {
      const outcome = this.local.charge([{ pool, rule, cost: w.cost }], now);
      const state = outcome.charged[0] as ChargedLimit;
      w.resolve({ state, exceeded: outcome.exceeded !== null, receipt: outcome.receipts[0] as Receipt });
    }
  }
}
