import type { Prisma, PrismaClient } from "@tessera/db";
import { usageWindowStart } from "./usage-window.ts";

/** Verifications of one key in one UTC hour with one outcome. */
export type UsageCount = { apiKeyId: string; hour: Date; code: string; count: number };

/**
 * Adds counts to every table that holds usage, in one statement, so they always agree (a failure
 * writes none of them): the hourly rows, the key's daily rows, the organization's daily totals and
 * the key's running totals (ApiKeyUsageWindow). The join skips keys deleted since they were counted
 * (their usage went with them). Rows are upserted in key order, so two writers at once wait on each
 * other instead of deadlocking.
 *
 * A key's running totals take only counts of days from its `since` on, as the row stands when locked:
 * the counts are summed from the `since` the statement read, and summed again (a scan of this batch)
 * only for a row the scheduler moved meanwhile. A key without a row gets one starting at the window's
 * first day as of `now`. Used by the usage flush, and by the demo data for its past traffic.
 */
export async function writeUsageCounts(
  db: PrismaClient | Prisma.TransactionClient,
  counts: readonly UsageCount[],
  now: Date,
): Promise<void> {
  if (counts.length === 0) return;
  const windowStart = usageWindowStart(now);
  await db.$executeRaw`
    WITH u AS (
      SELECT u.key_id, k."organizationId" AS org_id, u.hour, u.code, u.n,
        date_trunc('day', u.hour AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS day
      FROM unnest(${counts.map((c) => c.apiKeyId)}::uuid[], ${counts.map((c) => c.hour)}::timestamptz[],
        ${counts.map((c) => c.code)}::text[], ${counts.map((c) => c.count)}::int[]) AS u(key_id, hour, code, n)
      JOIN "ApiKey" k ON k.id = u.key_id
    ), hourly AS (
      INSERT INTO "ApiKeyUsage" ("apiKeyId", "hour", "code", "count")
      SELECT key_id, hour, code, SUM(n) FROM u GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
      ON CONFLICT ("apiKeyId", "hour", "code") DO UPDATE SET "count" = "ApiKeyUsage"."count" + EXCLUDED."count"
    ), daily AS (
      INSERT INTO "ApiKeyUsageDaily" ("apiKeyId", "organizationId", "day", "code", "count")
      SELECT key_id, org_id, day, code, SUM(n) FROM u GROUP BY 1, 2, 3, 4 ORDER BY 1, 3, 4
      ON CONFLICT ("apiKeyId", "day", "code") DO UPDATE SET "count" = "ApiKeyUsageDaily"."count" + EXCLUDED."count"
    ), totals AS (
      INSERT INTO "OrganizationUsageDaily" ("organizationId", "day", "code", "count")
      SELECT org_id, day, code, SUM(n) FROM u GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
      ON CONFLICT ("organizationId", "day", "code") DO UPDATE SET "count" = "OrganizationUsageDaily"."count" + EXCLUDED."count"
    ), keyed AS (
      SELECT u.key_id, u.org_id, COALESCE(w."since", ${windowStart}::timestamptz) AS since, u.day, u.code, u.n
      FROM u LEFT JOIN "ApiKeyUsageWindow" w ON w."apiKeyId" = u.key_id
    )
    INSERT INTO "ApiKeyUsageWindow" AS w ("apiKeyId", "organizationId", "since", "total", "valid")
    SELECT key_id, org_id, since, COALESCE(SUM(n) FILTER (WHERE day >= since), 0),
      COALESCE(SUM(n) FILTER (WHERE day >= since AND code = 'VALID'), 0)
    FROM keyed GROUP BY 1, 2, 3 ORDER BY 1
    ON CONFLICT ("apiKeyId") DO UPDATE SET
      "total" = w."total" + CASE WHEN w."since" = EXCLUDED."since" THEN EXCLUDED."total"
        ELSE (SELECT COALESCE(SUM(n), 0) FROM u WHERE u.key_id = w."apiKeyId" AND u.day >= w."since") END,
      "valid" = w."valid" + CASE WHEN w."since" = EXCLUDED."since" THEN EXCLUDED."valid"
        ELSE (SELECT COALESCE(SUM(n), 0) FROM u WHERE u.key_id = w."apiKeyId" AND u.day >= w."since" AND code = 'VALID') END`;
}
