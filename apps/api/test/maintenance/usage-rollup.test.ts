import { rollUpUsage, usageRollupLock } from "@tessera/core";
import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { gid } from "../api-keys/support.ts";
import { type OrgFixture, useHarness } from "../support/harness.ts";
import { databaseUrl } from "../support/postgres-urls.ts";
import { dayMs, hourMs, keyOf, recordUsage, stoppedClock, today } from "./support.ts";

const h = useHarness();
const onPostgres = process.env.TEST_DB === "postgres";

const keyUsage = `query K($id: ID!, $since: DateTime!, $until: DateTime!, $granularity: UsageGranularity) {
  node(id: $id) { ... on ApiKey { usage(since: $since, until: $until, granularity: $granularity) { start total byCode { code count } } } }
}`;
const orgUsage = `query O($slug: String!, $since: DateTime!, $until: DateTime!, $granularity: UsageGranularity) {
  organization(slug: $slug) {
    verificationUsage(since: $since, until: $until, granularity: $granularity) { start total byCode { code count } }
    verificationTopKeys(since: $since, until: $until) { apiKey { id } total valid refused }
    verificationRefusals(since: $since, until: $until) { code count }
  }
}`;

type Bucket = { start: string; total: number; byCode: { code: string; count: number }[] };
const sum = (buckets: Bucket[]) => buckets.reduce((n, b) => n + b.total, 0);

let org: OrgFixture;
let keys: string[];
const midnight = today();
/** "Now" for every rollup here: mid-morning today, with 35 days of hours kept. */
const now = new Date(midnight + 10 * hourMs);
const retention = 35;
const cutoff = midnight - retention * dayMs;

/**
 * What a user sees of the usage: a key's and the organization's daily buckets over 60 days, and the
 * hourly buckets of a 31-day window that straddles the rollup's cutoff (their totals, and per day).
 */
async function answers() {
  const daily = {
    since: new Date(midnight - 59 * dayMs).toISOString(),
    until: new Date(midnight + dayMs).toISOString(),
  };
  const hourly = {
    since: new Date(cutoff - 10 * dayMs).toISOString(),
    until: new Date(cutoff + 21 * dayMs).toISOString(),
    granularity: "HOUR",
  };
  const as = org.as.VIEWER;
  const result: Record<string, unknown> = {};
  for (const key of keys) {
    const id = gid("ApiKey", key);
    result[`key ${key} daily`] = (await as.gql(keyUsage, { id, ...daily, granularity: "DAY" })).data?.node.usage;
    const hours = (await as.gql(keyUsage, { id, ...hourly })).data?.node.usage as Bucket[];
    result[`key ${key} hourly total`] = sum(hours);
  }
  const o = (await as.gql(orgUsage, { slug: org.org.slug, ...daily, granularity: "DAY" })).data?.organization;
  result["organization daily"] = o?.verificationUsage;
  result["organization top keys"] = o?.verificationTopKeys;
  result["organization refusals"] = o?.verificationRefusals;
  const oh = (await as.gql(orgUsage, { slug: org.org.slug, ...hourly })).data?.organization;
  result["organization hourly total"] = sum(oh?.verificationUsage as Bucket[]);
  return result;
}

const hourlyRowsBeforeCutoff = () =>
  h.db.prisma.apiKeyUsage.count({ where: { apiKeyId: { in: keys }, hour: { lt: new Date(cutoff) } } });

beforeAll(async () => {
  org = await h.newOrganization();
  keys = [await keyOf(org), await keyOf(org)];
  const [a, b] = keys as [string, string];
  // Usage before the cutoff (to be rolled up), right at it, and within the hourly retention.
  await recordUsage(h, [
    { keyId: a, code: "VALID", at: new Date(cutoff - 5 * dayMs + 3 * hourMs), times: 4 },
    { keyId: a, code: "EXPIRED", at: new Date(cutoff - 5 * dayMs + 20 * hourMs), times: 2 },
    { keyId: b, code: "VALID", at: new Date(cutoff - 2 * dayMs + 1 * hourMs), times: 3 },
    { keyId: b, code: "ORIGIN_NOT_ALLOWED", at: new Date(cutoff - 1 * dayMs + 23 * hourMs), times: 1 },
    { keyId: a, code: "VALID", at: new Date(cutoff + 2 * hourMs), times: 5 },
    { keyId: b, code: "REVOKED", at: new Date(midnight - 3 * dayMs + 7 * hourMs), times: 6 },
    { keyId: a, code: "VALID", at: new Date(midnight + 1 * hourMs), times: 7 },
  ]);
});

describe("the usage rollup", () => {
  it("rolls up in batches, a partial run changing no answer, and a second run finds nothing to do", async () => {
    const before = await answers();
    expect(before["organization hourly total"]).toBe(15);
    expect(await hourlyRowsBeforeCutoff()).toBe(4);

    const partial = await rollUpUsage({
      prisma: h.db.prisma,
      clock: stoppedClock(now),
      hourlyRetentionDays: retention,
      batchSize: 1,
      maxBatches: 2,
    });
    expect(partial).toMatchObject({ rolledUp: 2, done: false, busy: false });
    expect(await answers()).toEqual(before);

    const rest = await rollUpUsage({ prisma: h.db.prisma, clock: stoppedClock(now), hourlyRetentionDays: retention });
    expect(rest).toMatchObject({ rolledUp: 2, done: true, busy: false, hourlyFrom: new Date(cutoff) });
    expect(await hourlyRowsBeforeCutoff()).toBe(0);
    expect(await answers()).toEqual(before);

    const again = await rollUpUsage({ prisma: h.db.prisma, clock: stoppedClock(now), hourlyRetentionDays: retention });
    expect(again).toMatchObject({ rolledUp: 0, done: true });
    expect(await answers()).toEqual(before);
  });

  it("an hourly answer over rolled-up days puts each day's count in its first hour, the totals unchanged", async () => {
    const [a] = keys as [string];
    const { data } = await org.as.OWNER.gql(keyUsage, {
      id: gid("ApiKey", a),
      since: new Date(cutoff - 5 * dayMs).toISOString(),
      until: new Date(cutoff - 4 * dayMs).toISOString(),
      granularity: "HOUR",
    });
    const buckets = data?.node.usage as Bucket[];
    expect(buckets).toHaveLength(24);
    expect(buckets[0]).toEqual({
      start: new Date(cutoff - 5 * dayMs).toISOString(),
      total: 6,
      byCode: [
        { code: "EXPIRED", count: 2 },
        { code: "VALID", count: 4 },
      ],
    });
    expect(sum(buckets.slice(1))).toBe(0);
  });

  it("a run that fails halfway (a batch aborted inside its transaction) loses and doubles nothing; the next run finishes", async () => {
    const prisma = h.db.prisma;
    const [a, b] = keys as [string, string];
    // More old usage to roll up, a day later in the calendar (the mark moves one day on).
    const later = new Date(now.getTime() + dayMs);
    await recordUsage(h, [
      { keyId: a, code: "VALID", at: new Date(cutoff + 3 * hourMs), times: 2 },
      { keyId: b, code: "VALID", at: new Date(cutoff + 4 * hourMs), times: 3 },
      { keyId: b, code: "RATE_LIMITED", at: new Date(cutoff + 9 * hourMs), times: 1 },
      { keyId: a, code: "INSUFFICIENT_SCOPE", at: new Date(cutoff + 15 * hourMs), times: 1 },
    ]);
    const before = await answers();
    const old = await prisma.apiKeyUsage.count({
      where: { apiKeyId: { in: keys }, hour: { lt: new Date(cutoff + dayMs) } },
    });
    expect(old).toBe(5);

    // A failure in the middle of the third batch: the database refuses to delete one row, so that
    // batch's transaction (mark and delete together) rolls back after two batches committed.
    await prisma.$executeRawUnsafe(`CREATE FUNCTION refuse_delete() RETURNS trigger AS $$
      BEGIN RAISE EXCEPTION 'simulated crash'; END $$ LANGUAGE plpgsql`);
    await prisma.$executeRawUnsafe(`CREATE TRIGGER refuse_delete BEFORE DELETE ON "ApiKeyUsage"
      FOR EACH ROW WHEN (OLD.code = 'RATE_LIMITED') EXECUTE FUNCTION refuse_delete()`);
    try {
      const run = rollUpUsage({ prisma, clock: stoppedClock(later), hourlyRetentionDays: retention, batchSize: 1 });
      await expect(run).rejects.toThrow(/simulated crash/);
    } finally {
      await prisma.$executeRawUnsafe(`DROP TRIGGER refuse_delete ON "ApiKeyUsage"`);
      await prisma.$executeRawUnsafe("DROP FUNCTION refuse_delete()");
    }
    const left = await prisma.apiKeyUsage.count({
      where: { apiKeyId: { in: keys }, hour: { lt: new Date(cutoff + dayMs) } },
    });
    expect(left).toBeGreaterThan(0);
    expect(left).toBeLessThan(old);
    expect(await answers()).toEqual(before);

    const finished = await rollUpUsage({ prisma, clock: stoppedClock(later), hourlyRetentionDays: retention });
    expect(finished.done).toBe(true);
    expect(
      await prisma.apiKeyUsage.count({ where: { apiKeyId: { in: keys }, hour: { lt: new Date(cutoff + dayMs) } } }),
    ).toBe(0);
    expect(await answers()).toEqual(before);
  });

  it.skipIf(!onPostgres)(
    "takes a lock: while another instance holds it a run does nothing; two runs at once roll up each row once",
    async () => {
      const prisma = h.db.prisma;
      const [a, b] = keys as [string, string];
      const later = new Date(now.getTime() + 2 * dayMs);
      const entries = Array.from({ length: 24 }, (_, hour) => ({
        keyId: hour % 2 ? a : b,
        code: "VALID" as const,
        at: new Date(cutoff + dayMs + hour * hourMs),
        times: hour + 1,
      }));
      await recordUsage(h, entries);
      const before = await answers();
      const waiting = () =>
        prisma.apiKeyUsage.count({ where: { apiKeyId: { in: keys }, hour: { lt: new Date(cutoff + 2 * dayMs) } } });
      expect(await waiting()).toBe(24);

      const other = new pg.Client({ connectionString: databaseUrl(h.db.name) });
      await other.connect();
      try {
        await other.query("SELECT pg_advisory_lock($1)", [usageRollupLock]);
        const blocked = await rollUpUsage({ prisma, clock: stoppedClock(later), hourlyRetentionDays: retention });
        expect(blocked).toMatchObject({ busy: true, rolledUp: 0, done: false });
        expect(await waiting()).toBe(24);
      } finally {
        await other.end();
      }

      const runs = await Promise.all(
        [1, 2].map(() =>
          rollUpUsage({ prisma, clock: stoppedClock(later), hourlyRetentionDays: retention, batchSize: 3 }),
        ),
      );
      // Whoever finds the lock taken stops; the rest is finished by the next round.
      const next = await rollUpUsage({ prisma, clock: stoppedClock(later), hourlyRetentionDays: retention });
      expect(runs.reduce((n, run) => n + run.rolledUp, next.rolledUp)).toBe(24);
      expect(await waiting()).toBe(0);
      expect(await answers()).toEqual(before);
    },
  );
});
