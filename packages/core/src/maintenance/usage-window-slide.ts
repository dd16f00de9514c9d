import type { PrismaClient } from "@tessera/db";
import type { Clock } from "../clock.ts";
import { usageWindowStart } from "../verification/usage-window.ts";

export type UsageWindowSlideOptions = {
  prisma: PrismaClient;
  clock: Clock;
  /** Keys moved per transaction. */
  batchSize?: number;
  /** Transactions per run at most; the rest waits for the next scheduler round. */
  maxBatches?: number;
};

export type UsageWindowSlideReport = {
  /** The first day the running totals count after this run. */
  since: Date;
  /** Keys whose running totals were moved by this run. */
  moved: number;
  /** False when keys remain for the next run. */
  done: boolean;
};

/**
 * Keeps each key's running totals (ApiKeyUsageWindow) to the last 30 UTC days: moves `since` to the
 * window's first day, subtracting the daily rows of the days it passes.
 *
 * Each batch is one transaction of two statements. The first locks the batch's rows in key order (as
 * the usage flush does, so neither deadlocks the other); the second, with a snapshot taken once it
 * holds them, reads the daily rows and writes totals and `since` together. A flush that wrote daily
 * rows of a passed day has then either committed (its counts are in both, and both are subtracted) or
 * waits for the row (and, finding `since` moved, leaves those counts out). A crash between batches
 * leaves some rows moved and some not, each exact for its own `since`; readers correct for the
 * difference, and the next run moves the rest. Running twice at once moves each row once.
 */
export async function slideUsageWindows(options: UsageWindowSlideOptions): Promise<UsageWindowSlideReport> {
  const { prisma } = options;
  const batchSize = options.batchSize ?? 1_000;
  const maxBatches = options.maxBatches ?? 20;
  const since = usageWindowStart(options.clock.now());
  let moved = 0;
  for (let batch = 0; batch < maxBatches; batch++) {
    const count = await prisma.$transaction(async (tx) => {
      const locked = await tx.$queryRaw<{ apiKeyId: string }[]>`
        SELECT "apiKeyId" FROM "ApiKeyUsageWindow" WHERE "since" < ${since}
        ORDER BY "apiKeyId" LIMIT ${batchSize} FOR UPDATE`;
      if (locked.length === 0) return 0;
      return tx.$executeRaw`
        UPDATE "ApiKeyUsageWindow" w SET ("total", "valid", "since") = (
          SELECT w."total" - COALESCE(SUM(d."count"), 0),
            w."valid" - COALESCE(SUM(d."count") FILTER (WHERE d."code" = 'VALID'), 0),
            ${since}::timestamptz
          FROM "ApiKeyUsageDaily" d
          WHERE d."apiKeyId" = w."apiKeyId" AND d."day" >= w."since" AND d."day" < ${since})
        WHERE w."apiKeyId" = ANY(${locked.map((row) => row.apiKeyId)}::uuid[]) AND w."since" < ${since}`;
    });
    moved += count;
    if (count < batchSize) return { since, moved, done: true };
  }
  return { since, moved, done: false };
}
