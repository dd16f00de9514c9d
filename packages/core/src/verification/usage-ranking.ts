import type { PrismaClient } from "@tessera/db";
import { LRUCache } from "lru-cache";
import { ValidationError } from "../errors.ts";
import type { VerifyCode } from "./codes.ts";

const dayMs = 86_400_000;
/** At most a year and a day per request, like the daily usage buckets. */
const maxDays = 366;

export type UsagePeriod = { since: Date; until: Date };

/**
 * Rankings that read many rows are reused for a minute. Ranking sums a row per key, day and outcome:
 * for 5,000 busy keys over 30 days that is ~500,000 rows and a few hundred milliseconds, paid again
 * by every view of the Overview (whose period stays the same all day). Smaller organizations are
 * never reused, so their rankings stay live to the second.
 */
const largeRankings = new LRUCache<string, KeyUsageTotal[]>({ max: 1_000, ttl: 60_000 });
const largeRankingRows = 50_000;

/** One key's verifications over a period. */
export type KeyUsageTotal = { apiKeyId: string; total: number; valid: number; refused: number };

/** Whole UTC days: from the day containing `since` up to `until` (exclusive). */
function wholeDays(period: UsagePeriod): { from: Date; to: Date } {
  const from = Math.floor(period.since.getTime() / dayMs) * dayMs;
  const to = period.until.getTime();
  if (!(from < to)) throw new ValidationError("`until` must be later than `since`.", "until");
  if (to - from > maxDays * dayMs) {
    throw new ValidationError(`At most ${maxDays} days per request; narrow the range.`, "since");
  }
  return { from: new Date(from), to: new Date(to) };
}

/**
 * The organization's keys with the most verifications over a period (whole UTC days), most first,
 * ties by id. Reads the daily rows: one index range of at most a row per key, day and outcome
 * (grouped by the uuid itself: a text cast before grouping cost a third more at 5,000 keys).
 * Deleted keys are not listed (their usage stays in the organization's totals).
 */
export async function topKeysByUsage(
  prisma: PrismaClient,
  organizationId: string,
  period: UsagePeriod,
  first: number,
): Promise<KeyUsageTotal[]> {
  if (!Number.isInteger(first) || first < 1 || first > 100) {
    throw new ValidationError("`first` must be between 1 and 100.", "first");
  }
  const { from, to } = wholeDays(period);
  const cacheKey = `${organizationId}|${from.getTime()}|${to.getTime()}|${first}`;
  const reused = largeRankings.get(cacheKey);
  if (reused) return reused;
  const rows = await prisma.$queryRaw<{ apiKeyId: string; total: bigint; valid: bigint; rowsRead: bigint }[]>`
    SELECT "apiKeyId", SUM("count") AS total, SUM(COUNT(*)) OVER () AS "rowsRead",
      COALESCE(SUM("count") FILTER (WHERE code = 'VALID'), 0) AS valid
    FROM "ApiKeyUsageDaily"
    WHERE "organizationId" = ${organizationId}::uuid AND "day" >= ${from} AND "day" < ${to}
    GROUP BY "apiKeyId"
    ORDER BY total DESC, "apiKeyId"
    LIMIT ${first}`;
  const ranking = rows.map((row) => {
    const total = Number(row.total);
    const valid = Number(row.valid);
    return { apiKeyId: row.apiKeyId, total, valid, refused: total - valid };
  });
  if (Number(rows[0]?.rowsRead ?? 0) > largeRankingRows) largeRankings.set(cacheKey, ranking);
  return ranking;
}

/**
 * The organization's refused verifications over a period (whole UTC days) by code, most frequent
 * first; codes that did not occur are left out. Reads the organization's daily totals.
 */
export async function refusalsByCode(
  prisma: PrismaClient,
  organizationId: string,
  period: UsagePeriod,
): Promise<{ code: VerifyCode; count: number }[]> {
  const { from, to } = wholeDays(period);
  const rows = await prisma.$queryRaw<{ code: VerifyCode; count: bigint }[]>`
    SELECT code, SUM("count") AS "count"
    FROM "OrganizationUsageDaily"
    WHERE "organizationId" = ${organizationId}::uuid AND "day" >= ${from} AND "day" < ${to} AND code <> 'VALID'
    GROUP BY code
    ORDER BY 2 DESC, code`;
  return rows.map((row) => ({ code: row.code, count: Number(row.count) }));
}
