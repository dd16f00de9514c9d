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
export class UsageRecorder {
  private counts = new Map<string, number>();
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
    const hour = Math.floor(at.getTime() / hourMs) * hourMs;
    const bucket = `${keyId}|${hour}|${code}`;
    this.counts.set(bucket, (this.counts.get(bucket) ?? 0) + 1);
    this.oldestPending ??= performance.now();
    if (code === "VALID") this.used(keyId, at);
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
    try {
      await this.writeCounts(counts);
      await this.writeLastUsed(lastUsed);
    } catch (error) {
      // Keep what could not be written for the next flush (merged with what arrived meanwhile).
      for (const [bucket, n] of counts) this.counts.set(bucket, (this.counts.get(bucket) ?? 0) + n);
      for (const [keyId, at] of lastUsed) this.used(keyId, at);
      this.oldestPending ??= performance.now();
      throw error;
    }
  }

  private async writeCounts(counts: Map<string, number>): Promise<void> {
    const rows: UsageCount[] = [];
    for (const [bucket, count] of counts) {
      const [apiKeyId, hour, code] = bucket.split("|") as [string, string, string];
      rows.push({ apiKeyId, hour: new Date(Number(hour)), code, count });
    }
    await writeUsageCounts(this.prisma, rows, this.clock.now());
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
