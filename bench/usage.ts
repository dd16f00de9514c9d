/**
 * Usage benchmark (issue 20): an organization with 5,000 keys, each used every hour for 90 days
 * (plus a neighbour organization, so the organization condition filters), seeded on PostgreSQL with
 * bulk `INSERT … SELECT generate_series`; the daily rows the usage flush would have written beside
 * them; then the rollup (the scheduler's own function, round after round until done); then the
 * console's Overview query and one key's 30-day chart through the real GraphQL path (yoga.fetch,
 * session cookie), each next to a bare `SELECT 1` through the same Prisma client in the same run.
 *
 *   pnpm bench:usage                      # PostgreSQL (the embedded database holds ~10 M rows badly)
 *   BENCH_KEYS=500 BENCH_DAYS=40 pnpm bench:usage
 *   BENCH_DB=pglite BENCH_KEYS=200 pnpm bench:usage
 */
import { randomBytes } from "node:crypto";
import { createApp } from "@tessera/api";
import { sessionCookieName } from "@tessera/api/cookies";
import { silentLogger } from "@tessera/api/log";
import {
  createOrganization,
  generateSessionToken,
  refusalsByCode,
  rollUpUsage,
  slideUsageWindows,
  systemClock,
  topKeysByUsage,
  usageReport,
  usageWindowStart,
} from "@tessera/core";
import type { Database, PrismaClient } from "@tessera/db";
import { onEachBenchDatabase } from "./databases.ts";
import { formatRow, type Timing, time } from "./list-keys-support.ts";

const keyCount = Number(process.env.BENCH_KEYS ?? 5_000);
const days = Number(process.env.BENCH_DAYS ?? 90);
const runs = Number(process.env.BENCH_RUNS ?? 60);
const dayMs = 86_400_000;

/** The console's Overview: its two requests (apps/web/src/features/overview/documents.ts), sent together. */
const overviewKeysQuery = `query OverviewKeys($slug: String!, $expiringBefore: DateTime!, $listed: Int!) {
  organization(slug: $slug) {
    id
    active: apiKeys(first: 1, filter: { statuses: [ACTIVE] }) { totalCount }
    expiring: apiKeys(first: 1, filter: { statuses: [EXPIRING] }) { totalCount }
    expired: apiKeys(first: 1, filter: { statuses: [EXPIRED] }) { totalCount }
    revoked: apiKeys(first: 1, filter: { statuses: [REVOKED] }) { totalCount }
    expiringSoon: apiKeys(first: $listed, filter: { statuses: [EXPIRING], expiresBefore: $expiringBefore },
      orderBy: { field: EXPIRES_AT, direction: ASC }) { totalCount nodes { id name status expiresAt } }
  }
}`;
const overviewUsageQuery = `query OverviewUsage($slug: String!, $since: DateTime!, $until: DateTime!) {
  organization(slug: $slug) {
    id
    verificationUsage(since: $since, until: $until, granularity: DAY) { start total byCode { code count } }
    verificationTopKeys(since: $since, until: $until, first: 5) { apiKey { id name status } total valid refused }
    verificationRefusals(since: $since, until: $until) { code count }
  }
}`;
/** The key drawer's chart (apps/web/src/features/api-keys/documents.ts, ApiKeyUsage). */
const keyChartQuery = `query ApiKeyUsage($id: ID!, $since: DateTime!, $until: DateTime!, $granularity: UsageGranularity) {
  node(id: $id) { ... on ApiKey { id usage(since: $since, until: $until, granularity: $granularity) { start total byCode { code count } } } }
}`;

/** Keys, then their hourly usage `days` back from now, a day at a time (one statement per 10 days). */
async function seed(prisma: PrismaClient) {
  const tag = randomBytes(3).toString("hex");
  const user = await prisma.user.create({ data: { email: `bench-${tag}@example.test`, passwordHash: "x" } });
  const orgs: { id: string; slug: string }[] = [];
  for (const [slug, count] of [
    [`bench-${tag}`, keyCount],
    [`neighbour-${tag}`, Math.ceil(keyCount / 20)],
  ] as const) {
    const org = await prisma.$transaction((tx) =>
      createOrganization(tx, {
        slug,
        name: slug,
        apiVersions: [{ name: "v1" }],
        members: [{ userId: user.id, role: "OWNER" }],
      }),
    );
    const version = await prisma.apiVersion.findFirstOrThrow({ where: { organizationId: org.id } });
    await prisma.$executeRawUnsafe(
      `INSERT INTO "ApiKey" ("id", "organizationId", "name", "hashedKey", "hint", "apiVersionId", "origins",
         "expiresAt", "createdAt", "updatedAt", "revokedAt", "createdByUserId")
       SELECT gen_random_uuid(), $1::uuid, 'key-' || g, md5($1 || g::text), 'tsr_' || substr(md5(g::text), 1, 6) || '…',
         $2::uuid, '{}', now() + ((g % 400) - 35) * interval '1 day', now() - g * interval '1 minute', now(),
         CASE WHEN g % 10 = 0 THEN now() END, $3::uuid
       FROM generate_series(1, $4::int) AS g`,
      org.id,
      version.id,
      user.id,
      count,
    );
    orgs.push(org);
  }
  const firstHour = new Date((Math.floor(Date.now() / dayMs) - days + 1) * dayMs);
  for (let from = 0; from < days; from += 10) {
    const start = new Date(firstHour.getTime() + from * dayMs);
    const end = new Date(Math.min(firstHour.getTime() + (from + 10) * dayMs, Date.now()));
    // Every key every hour: VALID (1–60 a key-hour, skewed so some keys lead), and for one key-hour in
    // eight a refusal, its code spread over five.
    await prisma.$executeRawUnsafe(
      `INSERT INTO "ApiKeyUsage" ("apiKeyId", "hour", "code", "count")
       SELECT k.id, h, 'VALID', 1 + (abs(hashtext(k.id::text)) % 40) + (extract(hour FROM h)::int % 20)
       FROM "ApiKey" k, generate_series($1::timestamptz, $2::timestamptz - interval '1 hour', interval '1 hour') h
       UNION ALL
       SELECT k.id, h, (ARRAY['EXPIRED','REVOKED','ORIGIN_NOT_ALLOWED','INSUFFICIENT_SCOPE','RATE_LIMITED'])[1 + abs(hashtext(k.id::text || h::text)) % 5], 1 + abs(hashtext(h::text)) % 9
       FROM "ApiKey" k, generate_series($1::timestamptz, $2::timestamptz - interval '1 hour', interval '1 hour') h
       WHERE abs(hashtext(k.id::text || h::text)) % 8 = 0`,
      start,
      end,
    );
    process.stdout.write(".");
  }
  // What the usage flush writes beside the hourly rows, in one go.
  await prisma.$executeRawUnsafe(
    `INSERT INTO "ApiKeyUsageDaily" ("apiKeyId", "organizationId", "day", "code", "count")
     SELECT u."apiKeyId", k."organizationId", date_trunc('day', u."hour" AT TIME ZONE 'UTC') AT TIME ZONE 'UTC', u.code, SUM(u.count)
     FROM "ApiKeyUsage" u JOIN "ApiKey" k ON k.id = u."apiKeyId" GROUP BY 1, 2, 3, 4`,
  );
  await prisma.$executeRawUnsafe(
    `INSERT INTO "OrganizationUsageDaily" ("organizationId", "day", "code", "count")
     SELECT "organizationId", "day", code, SUM("count") FROM "ApiKeyUsageDaily" GROUP BY 1, 2, 3`,
  );
  // And each key's running totals, as the flush keeps them: started 31 days back, so the scheduler's
  // first round has a day to move them on (what it does after every UTC midnight).
  await prisma.$executeRaw`
    INSERT INTO "ApiKeyUsageWindow" ("apiKeyId", "organizationId", "since", "total", "valid")
    SELECT "apiKeyId", "organizationId", ${new Date(usageWindowStart(new Date()).getTime() - dayMs)}::timestamptz,
      SUM("count"), COALESCE(SUM("count") FILTER (WHERE code = 'VALID'), 0)
    FROM "ApiKeyUsageDaily" WHERE "day" >= ${new Date(usageWindowStart(new Date()).getTime() - dayMs)}::timestamptz
    GROUP BY 1, 2`;
  const { token, hash } = generateSessionToken();
  await prisma.session.create({
    data: { tokenHash: hash, userId: user.id, expiresAt: new Date(Date.now() + 3_600_000) },
  });
  const org = orgs[0] as { id: string; slug: string };
  const key = await prisma.apiKey.findFirstOrThrow({ where: { organizationId: org.id, revokedAt: null } });
  return { slug: org.slug, organizationId: org.id, keyId: key.id, cookie: `${sessionCookieName}=${token}` };
}

async function rowCounts(prisma: PrismaClient) {
  const [row] = await prisma.$queryRaw<{ hourly: bigint; daily: bigint; org: bigint }[]>`
    SELECT (SELECT count(*) FROM "ApiKeyUsage") AS hourly, (SELECT count(*) FROM "ApiKeyUsageDaily") AS daily,
      (SELECT count(*) FROM "OrganizationUsageDaily") AS org`;
  const n = (v: bigint | undefined) => Number(v ?? 0).toLocaleString("en-GB");
  return `hourly ${n(row?.hourly)}, daily per key ${n(row?.daily)}, daily per organization ${n(row?.org)}`;
}

const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;

async function benchmark(kind: "pglite" | "postgres", db: Database) {
  const prisma = db.prisma;
  let started = performance.now();
  const { slug, organizationId, keyId, cookie } = await seed(prisma);
  console.log(`\n${kind}: seeded ${keyCount.toLocaleString("en-GB")} keys × ${days} days in ${seconds(started)}`);
  console.log(`  rows before the rollup: ${await rowCounts(prisma)}`);

  started = performance.now();
  let rolledUp = 0;
  let rounds = 0;
  for (;;) {
    const round = await rollUpUsage({ prisma, clock: systemClock, hourlyRetentionDays: 35 });
    rolledUp += round.rolledUp;
    rounds++;
    if (round.done) break;
  }
  const rollupSeconds = (performance.now() - started) / 1000;
  console.log(
    `  rollup: ${rolledUp.toLocaleString("en-GB")} hourly rows in ${rounds} scheduler rounds, ${rollupSeconds.toFixed(1)} s (${Math.round(rolledUp / rollupSeconds).toLocaleString("en-GB")} rows/s)`,
  );
  console.log(`  rows kept after the rollup: ${await rowCounts(prisma)}`);
  started = performance.now();
  let moved = 0;
  for (;;) {
    const round = await slideUsageWindows({ prisma, clock: systemClock });
    moved += round.moved;
    if (round.done) break;
  }
  console.log(`  running totals moved on a day: ${moved.toLocaleString("en-GB")} keys in ${seconds(started)}`);
  // A table this size is vacuumed by autovacuum in steady state (the rollup just deleted most of it).
  await prisma.$executeRawUnsafe("VACUUM ANALYZE");

  const app = createApp({ prisma, logger: silentLogger });
  const midnight = Math.floor(Date.now() / dayMs) * dayMs;
  const last30 = {
    since: new Date(midnight - 29 * dayMs).toISOString(),
    until: new Date(midnight + dayMs).toISOString(),
  };
  const ask = async (query: string, variables: Record<string, unknown>) => {
    const response = await app.yoga.fetch("http://bench.test/graphql", {
      method: "POST",
      headers: { "content-type": "application/json", cookie },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: unknown; errors?: unknown };
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data;
  };
  const id = Buffer.from(`ApiKey:${keyId}`).toString("base64");
  const keysVariables = { slug, expiringBefore: new Date(Date.now() + 30 * dayMs).toISOString(), listed: 8 };
  const baseline: Timing = await time(runs, () => prisma.$queryRaw`SELECT 1`);
  console.log(formatRow("SELECT 1 (same Prisma client)", baseline, baseline));
  const cases: [string, () => Promise<unknown>][] = [
    [
      "Overview (its two requests at once)",
      () => Promise.all([ask(overviewKeysQuery, keysVariables), ask(overviewUsageQuery, { slug, ...last30 })]),
    ],
    ["Overview, the usage request alone", () => ask(overviewUsageQuery, { slug, ...last30 })],
    ["Overview, the keys request alone", () => ask(overviewKeysQuery, keysVariables)],
    ["one key, 30 daily buckets", () => ask(keyChartQuery, { id, ...last30, granularity: "DAY" })],
    [
      "one key, 30 days of hourly buckets",
      () =>
        ask(keyChartQuery, {
          id,
          since: new Date(Date.now() - 30 * dayMs).toISOString(),
          until: new Date().toISOString(),
          granularity: "HOUR",
        }),
    ],
    [
      "one key, 60 daily buckets (rolled-up days)",
      () =>
        ask(keyChartQuery, {
          id,
          since: new Date(midnight - 59 * dayMs).toISOString(),
          until: last30.until,
          granularity: "DAY",
        }),
    ],
  ];
  // The same reads without GraphQL (no session lookup, read rules, or serialization): the database's share.
  const period = { since: new Date(last30.since), until: new Date(last30.until) };
  let fresh = 6;
  cases.push(
    [
      "  core: the Overview's three usage reads",
      () =>
        Promise.all([
          usageReport(prisma, { organizationId }, { ...period, granularity: "DAY" }),
          topKeysByUsage(prisma, organizationId, period, 5, new Date()),
          refusalsByCode(prisma, organizationId, period),
        ]),
    ],
    [
      "  core: top keys, last 30 days (running totals)",
      () => topKeysByUsage(prisma, organizationId, period, 1 + (fresh++ % 100), new Date()),
    ],
    [
      "  core: top keys, 30 days to yesterday (daily rows)",
      () =>
        topKeysByUsage(
          prisma,
          organizationId,
          { since: new Date(midnight - 30 * dayMs), until: new Date(midnight) },
          5,
          new Date(),
        ),
    ],
    [
      "  core: one key, 30 daily buckets",
      () => usageReport(prisma, { apiKeyId: keyId }, { ...period, granularity: "DAY" }),
    ],
    ["  GraphQL: { __typename } with the session", () => ask("{ __typename }", {})],
  );
  for (const [label, run] of cases) console.log(formatRow(label, await time(runs, run), baseline));
  await app.close();
}

async function main() {
  console.log(
    `usage at ${keyCount.toLocaleString("en-GB")} keys × ${days} days; ${runs} runs after warm-up; ratio = p50 / SELECT 1 p50`,
  );
  process.env.BENCH_DB ??= "postgres";
  await onEachBenchDatabase(benchmark);
}

await main();
