/**
 * List benchmark (issue 3): an organization with 100,000 keys, the first page of
 * `Organization.apiKeys` through the real GraphQL path (yoga.fetch, session cookie, Prisma) with a
 * search term and with a status filter, on PGlite and on PostgreSQL (a throwaway database). Each
 * figure is printed next to a bare `SELECT 1` through the same Prisma client in the same run, since
 * absolute times on a shared 2-core machine mean little; the ratio travels.
 *
 *   pnpm bench:list                 # both databases
 *   pnpm bench:list -- --explain    # also print the query plans of the list and count queries
 *   BENCH_DB=postgres pnpm bench:list
 */
import { randomBytes } from "node:crypto";
import { createApp } from "@tessera/api";
import { sessionCookieName } from "@tessera/api/cookies";
import { silentLogger } from "@tessera/api/log";
import { createOrganization, generateSessionToken } from "@tessera/core";
import type { Database } from "@tessera/db";
import { onEachBenchDatabase } from "./databases.ts";
import { type Case, explainCases, formatRow, type Timing, time } from "./list-keys-support.ts";

const keyCount = Number(process.env.BENCH_KEYS ?? 100_000);
const runs = Number(process.env.BENCH_RUNS ?? 60);
const explain = process.argv.includes("--explain");

/** What the web app's key table asks for: the total, and the columns of one page. */
const tableFields = `totalCount
      nodes { id name hint status apiVersion expiresAt createdAt lastUsedAt createdBy { email } }
      pageInfo { hasNextPage endCursor }`;
const pageQuery = (fields: string) => `query Page($slug: String!, $filter: ApiKeyFilter, $orderBy: ApiKeyOrder) {
  organization(slug: $slug) { apiKeys(first: 50, filter: $filter, orderBy: $orderBy) { ${fields} } }
}`;

const cases: Case[] = [
  { label: "no filter", filter: {} },
  // The split of the cost: the count alone, and the page alone.
  { label: "no filter, totalCount only", filter: {}, fields: "totalCount" },
  { label: "no filter, page only (no totalCount)", filter: {}, fields: "nodes { id name } pageInfo { hasNextPage }" },
  { label: "search 'charlie' (20% match)", filter: { search: "charlie" } },
  { label: "search 'key-77777' (rare)", filter: { search: "key-77777" } },
  { label: "status EXPIRING", filter: { statuses: ["EXPIRING"] } },
  { label: "status REVOKED", filter: { statuses: ["REVOKED"] } },
  // Sorted first pages (issue 20; goal: p50 within 2x of the unsorted first page).
  { label: "orderBy NAME ASC", filter: {}, orderBy: { field: "NAME", direction: "ASC" } },
  { label: "orderBy EXPIRES_AT DESC", filter: {}, orderBy: { field: "EXPIRES_AT", direction: "DESC" } },
  { label: "orderBy LAST_USED_AT DESC", filter: {}, orderBy: { field: "LAST_USED_AT", direction: "DESC" } },
  { label: "orderBy LAST_USED_AT ASC", filter: {}, orderBy: { field: "LAST_USED_AT", direction: "ASC" } },
  { label: "orderBy STATUS ASC", filter: {}, orderBy: { field: "STATUS", direction: "ASC" } },
  { label: "orderBy STATUS DESC", filter: {}, orderBy: { field: "STATUS", direction: "DESC" } },
  {
    label: "orderBy EXPIRES_AT ASC, status EXPIRING",
    filter: { statuses: ["EXPIRING"] },
    orderBy: { field: "EXPIRES_AT", direction: "ASC" },
  },
];

/** One organization (plus a smaller neighbour, so the organization condition filters), bulk-seeded. */
async function seed(db: Database) {
  const prisma = db.prisma;
  const tag = randomBytes(3).toString("hex");
  const user = await prisma.user.create({ data: { email: `bench-${tag}@example.test`, passwordHash: "x" } });
  const orgs = [];
  for (const [slug, count] of [
    [`bench-${tag}`, keyCount],
    [`neighbour-${tag}`, keyCount / 10],
  ] as const) {
    const org = await prisma.$transaction((tx) =>
      createOrganization(tx, {
        slug,
        name: slug,
        apiVersions: [{ name: "v1" }, { name: "v2" }],
        members: [{ userId: user.id, role: "OWNER" }],
      }),
    );
    const version = await prisma.apiVersion.findFirstOrThrow({ where: { organizationId: org.id } });
    // One statement: generate_series makes 100,000 rows in about a second, even on PGlite.
    // Statuses: every 10th key revoked; expiries spread from 35 days ago to a year ahead.
    await prisma.$executeRawUnsafe(
      `INSERT INTO "ApiKey" ("id", "organizationId", "name", "description", "hashedKey", "hint", "apiVersionId",
         "origins", "expiresAt", "createdAt", "updatedAt", "revokedAt", "lastUsedAt", "createdByUserId")
       SELECT gen_random_uuid(), $1::uuid,
         'key-' || g || '-' || (ARRAY['alpha','bravo','charlie','delta','echo'])[1 + g % 5],
         CASE WHEN g % 3 = 0 THEN 'nightly sync job ' || g END,
         md5($1 || g::text), 'tsr_' || substr(md5(g::text), 1, 6) || '…', $2::uuid, '{}',
         now() + ((g % 400) - 35) * interval '1 day', now() - g * interval '1 second', now(),
         CASE WHEN g % 10 = 0 THEN now() END,
         CASE WHEN g % 4 <> 0 THEN now() - (g % 5000) * interval '1 minute' END, $3::uuid
       FROM generate_series(1, $4::int) AS g`,
      org.id,
      version.id,
      user.id,
      count,
    );
    orgs.push(org);
  }
  // A table this size is vacuumed by autovacuum in steady state; without it counts cannot use index-only scans.
  await prisma.$executeRawUnsafe("VACUUM ANALYZE");
  const { token, hash } = generateSessionToken();
  await prisma.session.create({
    data: { tokenHash: hash, userId: user.id, expiresAt: new Date(Date.now() + 3_600_000) },
  });
  return {
    slug: orgs[0]?.slug as string,
    organizationId: orgs[0]?.id as string,
    cookie: `${sessionCookieName}=${token}`,
  };
}

async function benchmark(kind: "pglite" | "postgres", db: Database) {
  const seededAt = performance.now();
  const { slug, organizationId, cookie } = await seed(db);
  console.log(
    `\n${kind}: seeded ${keyCount.toLocaleString()} keys in ${((performance.now() - seededAt) / 1000).toFixed(1)} s`,
  );
  const app = createApp({ prisma: db.prisma, logger: silentLogger });
  const fetchPage = async (filter: Record<string, unknown>, fields = tableFields, orderBy?: Case["orderBy"]) => {
    const response = await app.yoga.fetch("http://bench.test/graphql", {
      method: "POST",
      headers: { "content-type": "application/json", cookie },
      body: JSON.stringify({ query: pageQuery(fields), variables: { slug, filter, orderBy } }),
    });
    const body = (await response.json()) as {
      data?: { organization?: { apiKeys?: { totalCount: number } } };
      errors?: unknown;
    };
    if (body.errors || !body.data?.organization?.apiKeys) throw new Error(JSON.stringify(body.errors));
    return body.data.organization.apiKeys.totalCount;
  };

  const baseline: Timing = await time(runs, () => db.prisma.$queryRaw`SELECT 1`);
  console.log(formatRow("SELECT 1 (same Prisma client)", baseline, baseline));
  for (const c of cases) {
    const total = await fetchPage(c.filter, c.fields, c.orderBy);
    const timing = await time(runs, () => fetchPage(c.filter, c.fields, c.orderBy));
    console.log(
      formatRow(total === undefined ? c.label : `${c.label}: ${total.toLocaleString()} keys`, timing, baseline),
    );
  }
  if (explain) await explainCases(db, organizationId);
}

async function main() {
  console.log(`first page (50) of Organization.apiKeys over ${runs} runs after warm-up; ratio = p50 / SELECT 1 p50`);
  await onEachBenchDatabase(benchmark);
}

await main();
