import type { PrismaClient } from "@tessera/db";
import type { VerifyCode } from "./codes.ts";

const hourMs = 3_600_000;

/**
 * Usage without a write per call: verifications are counted in memory per key, hour and outcome,
 * and "last used" (the last VALID verification or Bearer call) is kept per key; `flush` writes both
 * in two statements, whatever the traffic. The service flushes every few seconds and on shutdown,
 * so a clean shutdown loses nothing; a crash loses at most one interval of counts.
 */
export class UsageRecorder {
  private counts = new Map<string, number>();
  private lastUsed = new Map<string, Date>();
  private flushing: Promise<void> | null = null;
  /** When the oldest unflushed count was recorded (performance.now), for the flush-lag metric. */
  private oldestPending: number | null = null;

  constructor(private readonly prisma: PrismaClient) {}

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
    if (counts.size === 0) return;
    const keyIds: string[] = [];
    const hours: Date[] = [];
    const codes: string[] = [];
    const ns: number[] = [];
    for (const [bucket, n] of counts) {
      const [keyId, hour, code] = bucket.split("|") as [string, string, string];
      keyIds.push(keyId);
      hours.push(new Date(Number(hour)));
      codes.push(code);
      ns.push(n);
    }
    // One statement, so the three resolutions always agree (a failure writes none of them): the hourly
    // rows, the key's daily rows and the organization's daily totals. The join skips keys deleted since
    // they were counted (their usage went with them). Rows are upserted in key order, so two instances
    // flushing at once wait on each other instead of deadlocking.
    await this.prisma.$executeRaw`
      WITH u AS (
        SELECT u.key_id, k."organizationId" AS org_id, u.hour, u.code, u.n,
          date_trunc('day', u.hour AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS day
        FROM unnest(${keyIds}::uuid[], ${hours}::timestamptz[], ${codes}::text[], ${ns}::int[]) AS u(key_id, hour, code, n)
        JOIN "ApiKey" k ON k.id = u.key_id
      ), hourly AS (
        INSERT INTO "ApiKeyUsage" ("apiKeyId", "hour", "code", "count")
        SELECT key_id, hour, code, n FROM u ORDER BY 1, 2, 3
        ON CONFLICT ("apiKeyId", "hour", "code") DO UPDATE SET "count" = "ApiKeyUsage"."count" + EXCLUDED."count"
      ), daily AS (
        INSERT INTO "ApiKeyUsageDaily" ("apiKeyId", "organizationId", "day", "code", "count")
        SELECT key_id, org_id, day, code, SUM(n) FROM u GROUP BY 1, 2, 3, 4 ORDER BY 1, 3, 4
        ON CONFLICT ("apiKeyId", "day", "code") DO UPDATE SET "count" = "ApiKeyUsageDaily"."count" + EXCLUDED."count"
      )
      INSERT INTO "OrganizationUsageDaily" ("organizationId", "day", "code", "count")
      SELECT org_id, day, code, SUM(n) FROM u GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
      ON CONFLICT ("organizationId", "day", "code") DO UPDATE SET "count" = "OrganizationUsageDaily"."count" + EXCLUDED."count"`;
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
