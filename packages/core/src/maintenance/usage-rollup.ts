import type { PrismaClient } from "@tessera/db";
import type { Clock } from "../clock.ts";

const dayMs = 86_400_000;
/** The advisory lock one rollup holds per batch (the migrations use 727272, the demo seed 727273). */
export const usageRollupLock = 727274;

export type UsageRollupOptions = {
  prisma: PrismaClient;
  clock: Clock;
  /** Whole UTC days of hourly rows kept before today (TESSERA_USAGE_HOURLY_RETENTION_DAYS). */
  hourlyRetentionDays: number;
  /** Hourly rows deleted per transaction. */
  batchSize?: number;
  /** Transactions per run at most; the rest waits for the next scheduler round. */
  maxBatches?: number;
};

export type UsageRollupReport = {
  /** Hours before this instant are read from the daily rows. */
  hourlyFrom: Date;
  /** Hourly rows deleted by this run. */
  rolledUp: number;
  /** False when rows remain for the next run (the batch limit was reached, or another instance holds the lock). */
  done: boolean;
  /** Another instance was rolling up: this run did nothing. */
  busy: boolean;
};

/**
 * Rolls up usage older than the hourly retention: those days are read from the daily rows, and
 * their hourly rows are deleted in small batches.
 *
 * The daily rows are not built here: the usage flush writes them in the same statement as the hourly
 * rows, so they are always complete (today included) and the Overview never sums hourly rows. Rolling
 * up is then two steps in each batch's transaction: move the mark that tells readers where hours
 * start (only ever forward), and delete a batch of hourly rows before it. A crash between batches, or
 * inside one (rolled back), leaves hourly rows that no reader counts, deleted by the next run: nothing
 * is lost or counted twice. Each batch holds an advisory lock; a second instance finds it taken and
 * leaves the work to the first.
 */
export async function rollUpUsage(options: UsageRollupOptions): Promise<UsageRollupReport> {
  const { prisma } = options;
  const batchSize = options.batchSize ?? 5_000;
  const maxBatches = options.maxBatches ?? 40;
  const now = options.clock.now();
  const hourlyFrom = new Date((Math.floor(now.getTime() / dayMs) - options.hourlyRetentionDays) * dayMs);
  let rolledUp = 0;
  for (let batch = 0; batch < maxBatches; batch++) {
    const deleted = await prisma.$transaction(async (tx) => {
      const [lock] = await tx.$queryRaw<
        { locked: boolean }[]
      >`SELECT pg_try_advisory_xact_lock(${usageRollupLock}) AS locked`;
      if (!lock?.locked) return null;
      await tx.$executeRaw`
        INSERT INTO "UsageRollup" ("id", "hourlyFrom", "updatedAt") VALUES (1, ${hourlyFrom}, ${now})
        ON CONFLICT ("id") DO UPDATE SET "hourlyFrom" = GREATEST("UsageRollup"."hourlyFrom", EXCLUDED."hourlyFrom"),
          "updatedAt" = EXCLUDED."updatedAt"`;
      return tx.$executeRaw`
        DELETE FROM "ApiKeyUsage" WHERE ("apiKeyId", "hour", "code") IN (
          SELECT "apiKeyId", "hour", "code" FROM "ApiKeyUsage"
          WHERE "hour" < (SELECT "hourlyFrom" FROM "UsageRollup" WHERE "id" = 1)
          LIMIT ${batchSize} FOR UPDATE SKIP LOCKED)`;
    });
    if (deleted === null) return { hourlyFrom, rolledUp, done: false, busy: true };
    rolledUp += deleted;
    if (deleted < batchSize) return { hourlyFrom, rolledUp, done: true, busy: false };
  }
  return { hourlyFrom, rolledUp, done: false, busy: false };
}
