import type { PrismaClient } from "@tessera/db";
import { ValidationError } from "../errors.ts";
import type { VerifyCode } from "./codes.ts";
import { usageWindowDays, usageWindowStart } from "./usage-window.ts";

const dayMs = 86_400_000;
/** At most a year and a day per request, like the daily usage buckets. */
const maxDays = 366;
const usageWindowDaysMs = usageWindowDays * dayMs;

export type UsagePeriod = { since: Date; until: Date };

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
 * ties by id. Deleted keys are not listed (their usage stays in the organization's totals).
 *
 * A period that reaches to the end of today and starts within the last 30 days (the Overview's) is
 * ranked from the keys' running totals: a row per key. Any other period sums the daily rows: at most
 * a row per key, day and outcome.
 */
export async function topKeysByUsage(
  prisma: PrismaClient,
  organizationId: string,
  period: UsagePeriod,
  first: number,
  now: Date,
): Promise<KeyUsageTotal[]> {
  if (!Number.isInteger(first) || first < 1 || first > 100) {
    throw new ValidationError("`first` must be between 1 and 100.", "first");
  }
  const { from, to } = wholeDays(period);
  const rows =
    (await rankFromRunningTotals(prisma, organizationId, { from, to }, first, now)) ??
    (await rankFromDailyRows(prisma, organizationId, { from, to }, first));
  return rows.map((row) => {
    const total = Number(row.total);
    const valid = Number(row.valid);
    return { apiKeyId: row.apiKeyId, total, valid, refused: total - valid };
  });
}

type RankedRow = { apiKeyId: string; total: bigint; valid: bigint };

/**
 * From ApiKeyUsageWindow, or null when its rows cannot answer the period. They can when the period
 * covers every day counted so far (to the end of today) and starts on or after each row's `since`
 * (and within the window, so that a key without a row has no usage in it). A row not yet moved on to
 * the window's first day (just after midnight, or a scheduler round cut short) still counts days
 * before the period: those are subtracted from the daily rows, for that row alone.
 */
async function rankFromRunningTotals(
  prisma: PrismaClient,
  organizationId: string,
  { from, to }: { from: Date; to: Date },
  first: number,
  now: Date,
): Promise<RankedRow[] | null> {
  const windowStart = usageWindowStart(now);
  const endOfToday = windowStart.getTime() + usageWindowDaysMs;
  if (from < windowStart || to.getTime() < endOfToday) return null;
  const [latest] = await prisma.$queryRaw<{ since: Date | null }[]>`
    SELECT MAX("since") AS since FROM "ApiKeyUsageWindow" WHERE "organizationId" = ${organizationId}::uuid`;
  if (latest?.since && latest.since > from) return null;
  return prisma.$queryRaw<RankedRow[]>`
    SELECT w."apiKeyId", w."total" - COALESCE(before.total, 0) AS total, w."valid" - COALESCE(before.valid, 0) AS valid
    FROM "ApiKeyUsageWindow" w
    LEFT JOIN LATERAL (
      SELECT SUM(d."count") AS total, SUM(d."count") FILTER (WHERE d."code" = 'VALID') AS valid
      FROM "ApiKeyUsageDaily" d
      WHERE w."since" < ${from} AND d."apiKeyId" = w."apiKeyId" AND d."day" >= w."since" AND d."day" < ${from}
    ) before ON true
    WHERE w."organizationId" = ${organizationId}::uuid AND w."total" - COALESCE(before.total, 0) > 0
    ORDER BY 2 DESC, 1
    LIMIT ${first}`;
}

/** From the daily rows: one index range (grouped by the uuid itself: a text cast cost a third more). */
function rankFromDailyRows(
  prisma: PrismaClient,
  organizationId: string,
  { from, to }: { from: Date; to: Date },
  first: number,
): Promise<RankedRow[]> {
  return prisma.$queryRaw<RankedRow[]>`
    SELECT "apiKeyId", SUM("count") AS total, COALESCE(SUM("count") FILTER (WHERE code = 'VALID'), 0) AS valid
    FROM "ApiKeyUsageDaily"
    WHERE "organizationId" = ${organizationId}::uuid AND "day" >= ${from} AND "day" < ${to}
    GROUP BY "apiKeyId"
    ORDER BY total DESC, "apiKeyId"
    LIMIT ${first}`;
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
