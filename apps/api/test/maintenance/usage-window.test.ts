import { type KeyUsageTotal, slideUsageWindows, topKeysByUsage, usageWindowStart } from "@tessera/core";
import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { type OrgFixture, useHarness } from "../support/harness.ts";
import { databaseUrl } from "../support/postgres-urls.ts";
import { dayMs, hourMs, keyOf, recordUsage, stoppedClock, today } from "./support.ts";

const h = useHarness();
const onPostgres = process.env.TEST_DB === "postgres";

const midnight = today();
const now = new Date(midnight + 10 * hourMs);
/** The next day, once the Overview's 30 days have moved on by one. */
const tomorrow = new Date(now.getTime() + dayMs);
let org: OrgFixture;
let keys: { a: string; b: string; c: string };

/** Keys whose running totals differ from the sum of their daily rows from their own `since`. */
const drifted = () =>
  h.db.prisma.$queryRaw<{ apiKeyId: string }[]>`
    SELECT w."apiKeyId" FROM "ApiKeyUsageWindow" w
    LEFT JOIN LATERAL (
      SELECT COALESCE(SUM("count"), 0) AS total, COALESCE(SUM("count") FILTER (WHERE code = 'VALID'), 0) AS valid
      FROM "ApiKeyUsageDaily" d WHERE d."apiKeyId" = w."apiKeyId" AND d."day" >= w."since") d ON true
    WHERE w."organizationId" = ${org.org.id}::uuid AND (w."total" <> d.total OR w."valid" <> d.valid)`;

const sinceOf = async () =>
  Object.fromEntries(
    (await h.db.prisma.apiKeyUsageWindow.findMany({ where: { organizationId: org.org.id } })).map((w) => [
      w.apiKeyId,
      w.since.getTime(),
    ]),
  );

/**
 * The Overview's ranking as of `at` (the last 30 days to the end of that day, from the running
 * totals), next to the same days summed from the daily rows (a period ending a millisecond earlier,
 * which the running totals do not answer).
 */
async function rankings(at: Date): Promise<{ overview: KeyUsageTotal[]; fromDailyRows: KeyUsageTotal[] }> {
  const since = usageWindowStart(at);
  const end = since.getTime() + 30 * dayMs;
  const rank = (until: number) => topKeysByUsage(h.db.prisma, org.org.id, { since, until: new Date(until) }, 10, at);
  return { overview: await rank(end), fromDailyRows: await rank(end - 1) };
}

const totals = (ranking: KeyUsageTotal[]) =>
  ranking.map(({ apiKeyId, total, refused }) => [
    Object.keys(keys).find((k) => keys[k as "a"] === apiKeyId),
    total,
    refused,
  ]);

beforeAll(async () => {
  org = await h.newOrganization();
  keys = { a: await keyOf(org), b: await keyOf(org), c: await keyOf(org) };
  const { a, b, c } = keys;
  await recordUsage(h, [
    // Before the 30 days: in no running total.
    { keyId: a, code: "VALID", at: new Date(midnight - 30 * dayMs + 5 * hourMs), times: 50 },
    // The first of the 30 days, which leaves the window tomorrow.
    { keyId: b, code: "VALID", at: new Date(midnight - 29 * dayMs + 2 * hourMs), times: 7 },
    { keyId: b, code: "EXPIRED", at: new Date(midnight - 29 * dayMs + 23 * hourMs), times: 2 },
    { keyId: c, code: "VALID", at: new Date(midnight - 28 * dayMs), times: 4 },
    { keyId: a, code: "VALID", at: new Date(midnight - dayMs + 3 * hourMs), times: 3 },
  ]);
  await recordUsage(h, [
    { keyId: a, code: "VALID", at: new Date(midnight + hourMs), times: 5 },
    { keyId: a, code: "ORIGIN_NOT_ALLOWED", at: new Date(midnight + 2 * hourMs), times: 2 },
    { keyId: c, code: "VALID", at: new Date(midnight + 3 * hourMs), times: 2 },
  ]);
});

describe("the keys' 30-day running totals", () => {
  it("are kept by the usage flush: the Overview's ranking reads them and equals the daily rows'", async () => {
    expect(await drifted()).toEqual([]);
    const { overview, fromDailyRows } = await rankings(now);
    expect(totals(overview)).toEqual([
      ["a", 10, 2],
      ["b", 9, 2],
      ["c", 6, 0],
    ]);
    expect(overview).toEqual(fromDailyRows);

    // The ranking really comes from the running totals (a row changed behind the flush's back shows).
    const { prisma } = h.db;
    await prisma.apiKeyUsageWindow.update({ where: { apiKeyId: keys.c }, data: { total: 100 } });
    expect(totals((await rankings(now)).overview)[0]).toEqual(["c", 100, 94]);
    await prisma.apiKeyUsageWindow.update({ where: { apiKeyId: keys.c }, data: { total: 6 } });
  });

  it("after midnight, before the scheduler moves them, answer the new 30 days by subtracting the day that left", async () => {
    const { overview, fromDailyRows } = await rankings(tomorrow);
    expect(totals(overview)).toEqual([
      ["a", 10, 2],
      ["c", 6, 0],
    ]);
    expect(overview).toEqual(fromDailyRows);
  });

  it("are moved on by the scheduler in batches; a run that fails halfway loses and doubles nothing", async () => {
    const { prisma } = h.db;
    const before = await rankings(tomorrow);
    const [first, second] = Object.values(keys).sort();
    // The second batch's transaction fails inside its update, after the first batch committed.
    await prisma.$executeRawUnsafe(`CREATE FUNCTION refuse_slide() RETURNS trigger AS $$
      BEGIN RAISE EXCEPTION 'simulated crash'; END $$ LANGUAGE plpgsql`);
    await prisma.$executeRawUnsafe(`CREATE TRIGGER refuse_slide BEFORE UPDATE ON "ApiKeyUsageWindow"
      FOR EACH ROW WHEN (OLD."apiKeyId" = '${second}') EXECUTE FUNCTION refuse_slide()`);
    try {
      await expect(slideUsageWindows({ prisma, clock: stoppedClock(tomorrow), batchSize: 1 })).rejects.toThrow(
        /simulated crash/,
      );
    } finally {
      await prisma.$executeRawUnsafe(`DROP TRIGGER refuse_slide ON "ApiKeyUsageWindow"`);
      await prisma.$executeRawUnsafe("DROP FUNCTION refuse_slide()");
    }
    const moved = usageWindowStart(tomorrow).getTime();
    const stayed = usageWindowStart(now).getTime();
    expect(await sinceOf()).toEqual(
      Object.fromEntries(Object.values(keys).map((id) => [id, id === first ? moved : stayed])),
    );
    expect(await drifted()).toEqual([]);
    expect(await rankings(tomorrow)).toEqual(before);

    const finished = await slideUsageWindows({ prisma, clock: stoppedClock(tomorrow), batchSize: 1 });
    expect(finished).toMatchObject({ moved: 2, done: true });
    expect(Object.values(await sinceOf())).toEqual([moved, moved, moved]);
    expect(await drifted()).toEqual([]);
    expect(await rankings(tomorrow)).toEqual(before);
    const again = await slideUsageWindows({ prisma, clock: stoppedClock(tomorrow) });
    expect(again).toMatchObject({ moved: 0, done: true });
    expect(await rankings(tomorrow)).toEqual(before);
  });

  it("take late counts only for days from their own start; a key first used today starts a row", async () => {
    const { b } = keys;
    const fresh = await keyOf(org);
    // Counted on the day that just left b's window (a flush that waited), and on the new days.
    await recordUsage(h, [
      { keyId: b, code: "VALID", at: new Date(midnight - 29 * dayMs + 4 * hourMs), times: 40 },
      { keyId: b, code: "VALID", at: new Date(midnight + 4 * hourMs), times: 1 },
      { keyId: fresh, code: "RATE_LIMITED", at: new Date(midnight + 5 * hourMs), times: 3 },
    ]);
    expect(await drifted()).toEqual([]);
    const { overview, fromDailyRows } = await rankings(tomorrow);
    expect(overview).toEqual(fromDailyRows);
    expect(overview.map((t) => t.total)).toEqual([10, 6, 3, 1]);
  });

  /**
   * Late counts of the day that leaves the window as of `at` (c's, and b's beside), flushed while the
   * scheduler moves the rows: another session holds c's row, the two queue behind it in the order
   * given, and it lets go. The flush has read c's `since` before the move either way.
   */
  async function race(at: Date, first: "flush" | "move") {
    const { prisma } = h.db;
    const { b, c } = keys;
    const other = new pg.Client({ connectionString: databaseUrl(h.db.name) });
    await other.connect();
    const pause = () => new Promise((resolve) => setTimeout(resolve, 150));
    try {
      await other.query("BEGIN");
      await other.query(`SELECT 1 FROM "ApiKeyUsageWindow" WHERE "apiKeyId" = $1 FOR UPDATE`, [c]);
      const late = new Date(usageWindowStart(at).getTime() - dayMs + 6 * hourMs);
      const flush = () =>
        recordUsage(h, [
          { keyId: b, code: "VALID", at: late, times: 5 },
          { keyId: c, code: "VALID", at: late, times: 7 },
        ]);
      const move = () => slideUsageWindows({ prisma, clock: stoppedClock(at) });
      const runs: Promise<unknown>[] = [first === "flush" ? flush() : move()];
      await pause();
      runs.push(first === "flush" ? move() : flush());
      await pause();
      await other.query("COMMIT");
      await Promise.all(runs);
    } finally {
      await other.end();
    }
  }

  it.skipIf(!onPostgres)(
    "a flush of a passed day racing the scheduler's move counts that day once or not at all, whichever goes first",
    async () => {
      for (const [days, first] of [
        [2, "flush"],
        [3, "move"],
      ] as const) {
        const at = new Date(now.getTime() + days * dayMs);
        const before = await rankings(at);
        await race(at, first);
        expect(await drifted(), `${first} first`).toEqual([]);
        expect(Object.values(await sinceOf()).every((since) => since === usageWindowStart(at).getTime())).toBe(true);
        // That day is outside the Overview's 30 days then: the ranking is the one before the flush.
        expect(await rankings(at), `${first} first`).toEqual(before);
      }
    },
  );
});
