import { setImmediate } from "node:timers/promises";
import type { PrismaClient } from "@tessera/db";
import type { Clock } from "../clock.ts";
import type { VerifyCode } from "./codes.ts";
import { type UsageCount, writeUsageCounts } from "./usage-write.ts";

const hourMs = 3_600_000;

/**
 * Usage without a write per call: verifications are counted in memory per key, hour and outcome,
 * and "last used" (the last VALID verification or Bearer call) is kept per key; `flush` writes both
 * in two statements (`writeUsageCounts`, then last used), whatever the traffic. The service flushes
 * every few seconds and on shutdown, so a clean shutdown loses nothing; a crash loses at most one
 * interval of counts.
 */
/** Counts of one hour: per key, per outcome. Nested maps, not a joined string per call (the hot path). */
type HourCounts = Map<string, Map<VerifyCode, number>>;

export class UsageRecorder {
  /** By hour (epoch milliseconds of its start). */
  private counts = new Map<number, HourCounts>();
  private lastUsed = new Map<string, Date>();
  private flushing: Promise<void> | null = null;
  /** When the oldest unflushed count was recorded (performance.now), for the flush-lag metric. */
  private oldestPending: number | null = null;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly clock: Clock,
  ) {}

  /** Counts one verification of a known key. */
  count(keyId: string, code: VerifyCode, at: Date): void {
    this.add(keyId, code, Math.floor(at.getTime() / hourMs) * hourMs, 1);
    this.oldestPending ??= performance.now();
    if (code === "VALID") this.used(keyId, at);
  }

  private add(keyId: string, code: VerifyCode, hour: number, n: number): void {
    let ofHour = this.counts.get(hour);
    if (ofHour === undefined) {
      ofHour = new Map();
      this.counts.set(hour, ofHour);
    }
    let ofKey = ofHour.get(keyId);
    if (ofKey === undefined) {
      ofKey = new Map();
      ofHour.set(keyId, ofKey);
    }
    ofKey.set(code, (ofKey.get(code) ?? 0) + n);
  }

  /** Marks the key as used at `at` (a valid verification or an authenticated call). */
  used(keyId: string, at: Date): void {
    const previous = this.lastUsed.get(keyId);
    if (!previous || previous < at) this.lastUsed.set(keyId, at);
    this.oldestPending ??= performance.now();
  }

  /** Seconds the oldest unwritten usage has waited (0 when nothing waits). */
  lagSeconds(): number {
    return this.oldestPending === null ? 0 : (performance.now() - this.oldestPending) / 1000;
  }

  /** Writes what has been counted so far. Concurrent calls share one write. */
  flush(): Promise<void> {
    this.flushing ??= this.write().finally(() => {
      this.flushing = null;
    });
    return this.flushing;
  }

  private async write(): Promise<void> {
    if (this.counts.size === 0 && this.lastUsed.size === 0) return;
    const counts = this.counts;
    const lastUsed = this.lastUsed;
    this.counts = new Map();
    this.lastUsed = new Map();
    this.oldestPending = null;
    let countsWritten = false;
    try {
      await this.writeCounts(counts);
      countsWritten = true;
      // On the embedded database each statement runs in this thread: requests that arrived meanwhile
      // are answered before the second one, so the longest pause is one statement, not the flush.
      await setImmediate();
      await this.writeLastUsed(lastUsed);
    } catch (error) {
      // Keep what could not be written for the next flush (merged with what arrived meanwhile);
      // counts already written are not kept, or the next flush would add them twice.
      if (!countsWritten) {
        for (const [hour, ofHour] of counts) {
          for (const [keyId, ofKey] of ofHour) for (const [code, n] of ofKey) this.add(keyId, code, hour, n);
        }
      }
      for (const [keyId, at] of lastUsed) this.used(keyId, at);
      this.oldestPending ??= performance.now();
      throw error;
    }
  }

  private async writeCounts(counts: Map<number, HourCounts>): Promise<void> {
    await writeUsageCounts(this.prisma, rowsOf(counts), this.clock.now());
  }

  private async writeLastUsed(lastUsed: Map<string, Date>): Promise<void> {
    if (lastUsed.size === 0) return;
    // Raw SQL on purpose: Prisma's @updatedAt would move `updatedAt` ("last changed by an admin").
    // The condition keeps the latest time when two instances flush out of order.
    await this.prisma.$executeRaw`
      UPDATE "ApiKey" SET "lastUsedAt" = u.at
      FROM unnest(${[...lastUsed.keys()]}::uuid[], ${[...lastUsed.values()]}::timestamptz[]) AS u(key_id, at)
      WHERE "ApiKey".id = u.key_id AND ("ApiKey"."lastUsedAt" IS NULL OR "ApiKey"."lastUsedAt" < u.at)`;
  }
}

function rowsOf(counts: Map<number, HourCounts>): UsageCount[] {
  const rows: UsageCount[] = [];
  for (const [hour, ofHour] of counts) {
    for (const [apiKeyId, ofKey] of ofHour) {
      for (const [code, count] of ofKey) rows.push({ apiKeyId, hour: new Date(hour), code, count });
    }
  }
  return rows;
}
