import { Prisma, type PrismaClient } from "@tessera/db";
import { ValidationError } from "../errors.ts";
import type { VerifyCode } from "./codes.ts";

export type UsageGranularity = "HOUR" | "DAY";

export type UsageBucket = {
  /** The bucket's first instant (UTC hour or UTC day). */
  start: Date;
  total: number;
  /** Counts by outcome; outcomes that did not occur are left out. */
  byCode: { code: VerifyCode; count: number }[];
};

const hourMs = 3_600_000;
const dayMs = 24 * hourMs;
const stepMs: Record<UsageGranularity, number> = { HOUR: hourMs, DAY: dayMs };
/** At most this many buckets per answer: a month of hours, or a year and a day of days. */
const maxBuckets: Record<UsageGranularity, number> = { HOUR: 31 * 24, DAY: 366 };

export type UsageRange = { since: Date; until: Date; granularity: UsageGranularity };

/** Usage of one key, or of every key of an organization. */
export type UsageSubject = { apiKeyId: string } | { organizationId: string };

/**
 * Verification counts of one key, or of every key of an organization, in consecutive buckets from
 * the bucket containing `since` to the one containing `until` (exclusive), zeros included, so a chart
 * can draw them as they come. Counts reach the database with the periodic usage flush, a few seconds
 * after the verifications.
 *
 * Daily buckets are whole UTC days read from the daily rows (per key, or the organization's totals,
 * which keep the usage of keys deleted since): a few hundred rows whatever the traffic. Hourly
 * buckets read the hourly rows where they are kept and, for days already rolled up (older than the
 * hourly retention), the day's count in the first hour of that day within the range: the totals of
 * any range are the same before and after the rollup.
 */
export async function usageReport(prisma: PrismaClient, of: UsageSubject, range: UsageRange): Promise<UsageBucket[]> {
  const step = stepMs[range.granularity];
  const from = Math.floor(range.since.getTime() / step) * step;
  const to = range.until.getTime();
  if (!(from < to)) throw new ValidationError("`until` must be later than `since`.", "until");
  if ((to - from) / step > maxBuckets[range.granularity]) {
    throw new ValidationError(
      `At most ${maxBuckets[range.granularity]} ${range.granularity === "HOUR" ? "hourly" : "daily"} buckets per request; narrow the range or use DAY.`,
      "since",
    );
  }
  const since = new Date(from);
  const until = new Date(to);
  const rows =
    range.granularity === "DAY"
      ? await dailyRows(prisma, of, since, until)
      : await hourlyRows(prisma, of, since, until);
  const buckets = new Map<number, UsageBucket>();
  for (let t = from; t < to; t += step) buckets.set(t, { start: new Date(t), total: 0, byCode: [] });
  for (const row of rows) {
    const bucket = buckets.get(new Date(row.start).getTime());
    if (!bucket) continue;
    const count = Number(row.count);
    bucket.total += count;
    bucket.byCode.push({ code: row.code, count });
  }
  for (const bucket of buckets.values()) bucket.byCode.sort((a, b) => a.code.localeCompare(b.code));
  return [...buckets.values()];
}

type Row = { start: Date; code: VerifyCode; count: bigint | number };

function dailyRows(prisma: PrismaClient, of: UsageSubject, since: Date, until: Date): Promise<Row[]> {
  const source =
    "apiKeyId" in of
      ? Prisma.sql`"ApiKeyUsageDaily" WHERE "apiKeyId" = ${of.apiKeyId}::uuid`
      : Prisma.sql`"OrganizationUsageDaily" WHERE "organizationId" = ${of.organizationId}::uuid`;
  return prisma.$queryRaw<Row[]>`
    SELECT "day" AS start, code, "count" FROM ${source} AND "day" >= ${since} AND "day" < ${until}`;
}

/**
 * Hours from the hourly rows from the rollup mark on; before it, whole days from the daily rows. One
 * statement reads the mark and both tables, so a rollup committing meanwhile is seen entirely or not
 * at all.
 */
function hourlyRows(prisma: PrismaClient, of: UsageSubject, since: Date, until: Date): Promise<Row[]> {
  const [hourly, daily] =
    "apiKeyId" in of
      ? [Prisma.sql`u."apiKeyId" = ${of.apiKeyId}::uuid`, Prisma.sql`d."apiKeyId" = ${of.apiKeyId}::uuid`]
      : [
          Prisma.sql`u."apiKeyId" IN (SELECT id FROM "ApiKey" WHERE "organizationId" = ${of.organizationId}::uuid)`,
          Prisma.sql`d."organizationId" = ${of.organizationId}::uuid`,
        ];
  const firstDay = new Date(Math.floor(since.getTime() / dayMs) * dayMs);
  return prisma.$queryRaw<Row[]>`
    WITH mark AS (${rollupMark})
    SELECT start, code, SUM("count") AS "count" FROM (
      SELECT u."hour" AS start, u.code, u."count"::bigint AS "count" FROM "ApiKeyUsage" u, mark
      WHERE ${hourly} AND u."hour" >= GREATEST(${since}::timestamptz, mark.at) AND u."hour" < ${until}
      UNION ALL
      SELECT GREATEST(d."day", ${since}::timestamptz) AS start, d.code, d."count" FROM "ApiKeyUsageDaily" d, mark
      WHERE ${daily} AND d."day" >= ${firstDay} AND d."day" < LEAST(${until}::timestamptz, mark.at)
    ) rows
    GROUP BY 1, 2`;
}

/** The first hour still read from the hourly rows (see UsageRollup in the schema). */
export const rollupMark = Prisma.sql`SELECT COALESCE((SELECT "hourlyFrom" FROM "UsageRollup" WHERE id = 1), 'epoch'::timestamptz) AS at`;
