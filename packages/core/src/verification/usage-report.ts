import type { PrismaClient } from "@tessera/db";
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
const stepMs: Record<UsageGranularity, number> = { HOUR: hourMs, DAY: 24 * hourMs };
/** At most this many buckets per answer: a month of hours, or a year and a day of days. */
const maxBuckets: Record<UsageGranularity, number> = { HOUR: 31 * 24, DAY: 366 };

export type UsageRange = { since: Date; until: Date; granularity: UsageGranularity };

/**
 * Verification counts of one key, or of every key of an organization, in consecutive buckets from
 * the bucket containing `since` to the one containing `until` (exclusive), zeros included, so a chart
 * can draw them as they come. Counts reach the database with the periodic usage flush, a few seconds
 * after the verifications.
 */
export async function usageReport(
  prisma: PrismaClient,
  of: { apiKeyId: string } | { organizationId: string },
  range: UsageRange,
): Promise<UsageBucket[]> {
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
  const unit = range.granularity === "HOUR" ? "hour" : "day";
  const keyId = "apiKeyId" in of ? of.apiKeyId : null;
  const organizationId = "organizationId" in of ? of.organizationId : null;
  const rows = await prisma.$queryRaw<{ start: Date; code: VerifyCode; count: bigint | number }[]>`
    SELECT date_trunc(${unit}, u."hour" AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS start, u.code, SUM(u.count) AS count
    FROM "ApiKeyUsage" u
    WHERE u."hour" >= ${new Date(from)} AND u."hour" < ${new Date(to)}
      AND (${keyId}::uuid IS NULL OR u."apiKeyId" = ${keyId}::uuid)
      AND (${organizationId}::uuid IS NULL OR u."apiKeyId" IN (SELECT id FROM "ApiKey" WHERE "organizationId" = ${organizationId}::uuid))
    GROUP BY 1, 2`;
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
