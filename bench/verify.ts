/**
 * Verification benchmark (issues 9, 16): the lean HTTP door and the GraphQL door against baselines
 * measured in the same run, on PGlite and on PostgreSQL (a throwaway database):
 *   (a) a bare node:http server answering fixed JSON (the same request and answer bytes as b),
 *   (a′) the same, but reading the whole body before answering (the fair limit for b), also at half
 *       its peak, with (b) at that same offered load (p99 of b ÷ p99 of a′),
 *   (b) POST /v1/keys/verify with a warm cache (and again at half its peak rate, for p99),
 *   (c) GraphQL verifyApiKey, (d) yoga answering `{ __typename }` with Tessera's plugins,
 *   (e) cold verification of 10,000 distinct keys (core verify, empty cache) against a raw
 *       single-row query for the same keys (pg, or PGlite's own query),
 *   (i) the real key's throughput while bench/flood.ts floods made-up well-formed keys (a fresh one
 *       per request) from one address, then from 50 (X-Forwarded-For, one trusted proxy hop), with
 *       the database lookups the flood caused (the cache's miss counter).
 *   (f) (b) for a key with one auto-applied rate limit counted in memory, (g) the same limit counted
 *       in Redis (BENCH_REDIS_URL, default redis://127.0.0.1:6379), (h) on PostgreSQL, a key with
 *       usage credits (one conditional UPDATE per verification); each beside (b) in the same run.
 * Load comes from autocannon in its own process on 127.0.0.1. Ratios are what travel.
 *
 *   pnpm bench:verify                      # both databases, 3 s per case
 *   BENCH_DB=pglite BENCH_SECONDS=5 pnpm bench:verify
 */
import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { createApp } from "@tessera/api";
import { silentLogger } from "@tessera/api/log";
import {
  createOrganization,
  defaultVerificationSettings,
  generateApiKey,
  systemClock,
  Verification,
} from "@tessera/core";
import { applyMigrations, openDatabase, PrismaClient } from "@tessera/db";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { autocannon, type Load, row, startFlood, timed } from "./verify-support.ts";

const seconds = Number(process.env.BENCH_SECONDS ?? 3);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 32);
const coldKeys = Number(process.env.BENCH_COLD_KEYS ?? 10_000);
/** Pin the keys to a deprecated version, so warm answers carry the Deprecation and Sunset headers. */
const deprecatedVersion = process.env.BENCH_DEPRECATED === "1";
const coldConcurrency = 16;
const floodConnections = Number(process.env.BENCH_FLOOD_CONNECTIONS ?? 16);
const adminUrl = process.env.TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const redisUrl = process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379";
/** Keys besides the warm one and the cold ones: (f)/(g) share the limited key, (h) the metered one. */
const trafficKeys = 2;

type Bench = { prisma: PrismaClient; rawQuery: (hash: string) => Promise<unknown>; close(): Promise<void> };

async function openPGliteBench(): Promise<Bench> {
  const client = await PGlite.create({ extensions: { pg_trgm } });
  await applyMigrations(client);
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(client) });
  return {
    prisma,
    rawQuery: (hash) => client.query(`SELECT id FROM "ApiKey" WHERE "hashedKey" = $1`, [hash]),
    async close() {
      await prisma.$disconnect();
      await client.close();
    },
  };
}

async function openPostgresBench(): Promise<Bench> {
  const name = `tessera_bench_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const db = await openDatabase({ databaseUrl: url.toString() });
  await db.migrate();
  const pool = new pg.Pool({ connectionString: url.toString(), max: 10 });
  pool.on("error", () => {}); // an idle connection dropped by the server must not end the run
  return {
    prisma: db.prisma,
    rawQuery: (hash) => pool.query(`SELECT id FROM "ApiKey" WHERE "hashedKey" = $1`, [hash]),
    async close() {
      await pool.end();
      await db.close();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

/** One organization, one warm key, and `coldKeys` more inserted in one statement. */
async function seed(prisma: PrismaClient) {
  const org = await prisma.$transaction((tx) =>
    createOrganization(tx, {
      slug: `bench-${randomBytes(3).toString("hex")}`,
      name: "Bench",
      domainScopes: [{ name: "vehicles:read", description: "Read vehicles." }],
      apiVersions: [{ name: "v2" }],
      members: [],
    }),
  );
  const version = await prisma.apiVersion.findFirstOrThrow({ where: { organizationId: org.id } });
  if (deprecatedVersion) {
    await prisma.apiVersion.update({
      where: { id: version.id },
      data: { deprecated: true, deprecatedAt: new Date(), sunsetAt: new Date(Date.now() + 180 * 86_400_000) },
    });
  }
  const keys = Array.from({ length: coldKeys + 1 + trafficKeys }, () => generateApiKey());
  const expiresAt = new Date(Date.now() + 30 * 86_400_000);
  await prisma.$executeRaw`
    INSERT INTO "ApiKey" (id, "organizationId", name, "hashedKey", hint, "apiVersionId", "expiresAt", "updatedAt")
    SELECT gen_random_uuid(), ${org.id}::uuid, 'key-' || i, h, 'tsr_…', ${version.id}::uuid, ${expiresAt}, now()
    FROM unnest(${keys.map((k) => k.hash)}::text[]) WITH ORDINALITY AS t(h, i)`;
  return keys;
}

/** Rounds of one case together: requests per second averaged, the worst p50 and p99. */
function merge(loads: Load[]): Load {
  return {
    rps: loads.reduce((sum, l) => sum + l.rps, 0) / loads.length,
    p50: Math.max(...loads.map((l) => l.p50)),
    p99: Math.max(...loads.map((l) => l.p99)),
    errors: loads.reduce((sum, l) => sum + l.errors, 0),
  };
}

function listen(server: Server): Promise<string> {
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)),
  );
}

async function run(kind: "pglite" | "postgres") {
  const bench = kind === "pglite" ? await openPGliteBench() : await openPostgresBench();
  const keys = await seed(bench.prisma);
  const warm = keys[0] as (typeof keys)[number];
  const limited = keys[1] as (typeof keys)[number];
  const metered = keys[2] as (typeof keys)[number];
  const cold = keys.slice(1 + trafficKeys);
  // A limit that is never reached (the work of counting, not of refusing) and credits that last.
  const limit = { name: "requests", limit: 1_000_000_000, durationMs: 3_600_000, autoApply: true };
  await bench.prisma.apiKey.update({ where: { hashedKey: limited.hash }, data: { rateLimits: [limit] } });
  const { id: meteredId } = await bench.prisma.apiKey.findUniqueOrThrow({ where: { hashedKey: metered.hash } });
  await bench.prisma.apiKeyCredits.create({ data: { apiKeyId: meteredId, remaining: 2_000_000_000 } });

  // One trusted proxy hop: the 50-address flood names its addresses in X-Forwarded-For; requests
  // without the header (every other case) count as the peer's, as without a proxy.
  const app = createApp({ prisma: bench.prisma, logger: silentLogger, trustedProxyHops: 1 });
  const tessera = createServer((req, res) => void app.handle(req, res));
  const tesseraUrl = await listen(tessera);
  const verifyBody = JSON.stringify({ key: warm.secret, scope: "vehicles:read", origin: "https://example.com" });
  // (a) gets the very same request and answers with the very same bytes (b) answers, fixed: the same
  // work for the load generator and for HTTP, so b/a measures what Tessera adds.
  const answer = await fetch(`${tesseraUrl}/v1/keys/verify`, { method: "POST", body: verifyBody });
  const fixed = await answer.text();
  if (!fixed.includes('"VALID"')) throw new Error(`the warm key is not valid: ${fixed}`);
  const bare = createServer((req, res) => {
    req.resume();
    res.writeHead(200, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" });
    res.end(fixed);
  });
  const bareUrl = await listen(bare);
  const bareReading = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      res.writeHead(200, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" });
      res.end(fixed);
    });
  });
  const bareReadingUrl = await listen(bareReading);
  const gqlBody = (query: string, variables?: unknown) => JSON.stringify({ query, variables });
  const verifyQuery = `query V($input: VerifyApiKeyInput!) { verifyApiKey(input: $input) { valid code keyId organizationId role apiVersion scopes expiresAt } }`;
  const load = (url: string, body?: string, overallRate?: number) =>
    autocannon(url, { body, connections, seconds, overallRate });

  // Warm-up: the cache (b, c) and the JIT for every path.
  await load(`${tesseraUrl}/v1/keys/verify`, verifyBody);
  const a = await load(bareUrl, verifyBody);
  // (a′) and (b) in the order a′ b b a′ (averaged): on a shared machine two cases a minute apart
  // differ, and a machine that drifts during the four favours neither side.
  const a1 = await load(bareReadingUrl, verifyBody);
  const b1 = await load(`${tesseraUrl}/v1/keys/verify`, verifyBody);
  const b2 = await load(`${tesseraUrl}/v1/keys/verify`, verifyBody);
  const a2 = await load(bareReadingUrl, verifyBody);
  const aReading = merge([a1, a2]);
  const b = merge([b1, b2]);
  const bHalf = await load(`${tesseraUrl}/v1/keys/verify`, verifyBody, b.rps / 2);
  const aReadingHalf = await load(bareReadingUrl, verifyBody, aReading.rps / 2);
  const bAtAHalf = await load(`${tesseraUrl}/v1/keys/verify`, verifyBody, aReading.rps / 2);
  // (i): the real client and the flood at once, in two processes.
  const underFlood = async (addresses: number) => {
    const go = await startFlood(`${tesseraUrl}/v1/keys/verify`, { seconds, connections: floodConnections, addresses });
    const before = app.verification.stats();
    const [real, attack] = await Promise.all([load(`${tesseraUrl}/v1/keys/verify`, verifyBody), go()]);
    const after = app.verification.stats();
    return {
      real,
      attack,
      lookups: after.misses - before.misses,
      avoided: after.filter.rejections - before.filter.rejections,
    };
  };
  const flood1 = await underFlood(1);
  const flood50 = await underFlood(50);
  const c = await load(
    `${tesseraUrl}/graphql`,
    gqlBody(verifyQuery, { input: { key: warm.secret, scope: "vehicles:read", origin: "https://example.com" } }),
  );
  const d = await load(`${tesseraUrl}/graphql`, gqlBody("{ __typename }"));

  // (f), (g), (h): the same request for keys with traffic controls, against a fresh (b) in between.
  const bodyFor = (secret: string) =>
    JSON.stringify({ key: secret, scope: "vehicles:read", origin: "https://example.com" });
  const redisApp = createApp({
    prisma: bench.prisma,
    logger: silentLogger,
    verificationSettings: { ...defaultVerificationSettings, rateLimitStore: { kind: "redis", url: redisUrl } },
  });
  const redisServer = createServer((req, res) => void redisApp.handle(req, res));
  const redisTesseraUrl = await listen(redisServer);
  for (const [url, secret] of [
    [tesseraUrl, limited.secret],
    [redisTesseraUrl, limited.secret],
    [tesseraUrl, metered.secret],
  ] as const) {
    const check = await (await fetch(`${url}/v1/keys/verify`, { method: "POST", body: bodyFor(secret) })).json();
    if (check.code !== "VALID" || check.degraded) throw new Error(`traffic key not valid: ${JSON.stringify(check)}`);
  }
  // The machine is shared: each case is measured against a (b) of its own, in the order b x x b, so a
  // machine that speeds up or slows down during the four favours neither side; the figures shown
  // are the two rounds together (requests per second averaged, worst p99).
  const pair = async (url: string, body: string) => {
    await load(url, body);
    const plain = () => load(`${tesseraUrl}/v1/keys/verify`, verifyBody);
    const other = () => load(url, body);
    const b1 = await plain();
    const x1 = await other();
    const x2 = await other();
    const b2 = await plain();
    return { b: merge([b1, b2]), x: merge([x1, x2]) };
  };
  const f = await pair(`${tesseraUrl}/v1/keys/verify`, bodyFor(limited.secret));
  const g = await pair(`${redisTesseraUrl}/v1/keys/verify`, bodyFor(limited.secret));
  const h = kind === "postgres" ? await pair(`${tesseraUrl}/v1/keys/verify`, bodyFor(metered.secret)) : null;
  redisServer.closeAllConnections();
  await new Promise((r) => redisServer.close(r));
  await redisApp.close();

  // (e): a fresh Verification has empty caches, so every call is a database read.
  const verification = new Verification({ prisma: bench.prisma, clock: systemClock });
  await timed(cold.slice(0, 200), coldConcurrency, (k) => bench.rawQuery(k.hash)); // warm the connections
  const e = await timed(cold, coldConcurrency, async (k) => verification.verify({ key: k.secret }, null));
  const raw = await timed(cold, coldConcurrency, (k) => bench.rawQuery(k.hash));
  await verification.close();

  const pairs = [f, g, ...(h ? [h] : [])].flatMap((p) => [p.b, p.x]);
  const errors = [a, b, bHalf, c, d, aReading, aReadingHalf, bAtAHalf, flood1.real, flood50.real, ...pairs].reduce(
    (sum, l) => sum + l.errors,
    0,
  );
  console.log(
    `\n### ${kind} (${seconds} s per case, ${connections} connections; e: ${cold.length} keys, ${coldConcurrency} in flight)\n`,
  );
  console.log("| case                                           |   req/s | p50 ms | p99 ms |");
  console.log("| ---------------------------------------------- | ------: | -----: | -----: |");
  console.log(row("(a) bare node:http, same POST, fixed JSON", a));
  console.log(row("(a′) bare node:http reading the body", aReading));
  console.log(row("(b) POST /v1/keys/verify, warm", b));
  console.log(row(`(b) at half its peak (${Math.round(b.rps / 2)} req/s)`, bHalf));
  console.log(row(`(a′) at half its peak (${Math.round(aReading.rps / 2)} req/s)`, aReadingHalf));
  console.log(row(`(b) at (a′)'s half peak`, bAtAHalf));
  console.log(row("(i) real key, flood of made-up keys, 1 address", flood1.real));
  console.log(row("    the flood, 1 address", flood1.attack));
  console.log(row("(i) real key, flood from 50 addresses", flood50.real));
  console.log(row("    the flood, 50 addresses", flood50.attack));
  console.log(row("(c) GraphQL verifyApiKey, warm", c));
  console.log(row("(d) yoga { __typename }, Tessera's plugins", d));
  console.log(row(`(e) cold verification, ${cold.length} keys`, e));
  console.log(row("    raw single-row query, same keys", raw));
  console.log(row("(b) just before (f)", f.b));
  console.log(row("(f) one rate limit, memory", f.x));
  console.log(row("(b) just before (g)", g.b));
  console.log(row("(g) one rate limit, Redis", g.x));
  if (h) console.log(row("(b) just before (h)", h.b));
  if (h) console.log(row("(h) usage credits (UPDATE per call)", h.x));
  console.log(
    `\nratios: b/a = ${(b.rps / a.rps).toFixed(2)} (goal >= 0.6), c/d = ${(c.rps / d.rps).toFixed(2)} (goal >= 0.8), ` +
      `e/raw = ${(e.rps / raw.rps).toFixed(2)}; p99 of (b) at half peak = ${bHalf.p99.toFixed(2)} ms (goal <= 2); ` +
      `f/b = ${(f.x.rps / f.b.rps).toFixed(2)} (goal >= 0.9), g/b = ${(g.x.rps / g.b.rps).toFixed(2)} (goal >= 0.5)` +
      (h ? `, h/b = ${(h.x.rps / h.b.rps).toFixed(2)} (goal >= 0.2)` : "") +
      (errors ? `; ${errors} errors/non-2xx!` : ""),
  );
  const share = (f: typeof flood1) =>
    `${f.lookups} database lookups for ${f.attack.requests} flood requests (${((100 * f.lookups) / Math.max(1, f.attack.requests)).toFixed(2)} %, goal < 1 %; ${f.avoided} avoided by the filter; codes ${JSON.stringify(f.attack.codes)})`;
  console.log(
    `issue 16: b/a′ = ${(b.rps / aReading.rps).toFixed(2)} (goal >= 0.6); ` +
      `p99 b ÷ p99 a′ at ${Math.round(aReading.rps / 2)} req/s = ${bAtAHalf.p99} / ${aReadingHalf.p99} ms = ${(bAtAHalf.p99 / Math.max(aReadingHalf.p99, 1)).toFixed(2)} (goal <= 2; autocannon's whole ms, floor 1)\n` +
      `  (i) 1 address: real key ${(flood1.real.rps / b.rps).toFixed(2)} of (b) (goal >= 0.6); ${share(flood1)}\n` +
      `  (i) 50 addresses: real key ${(flood50.real.rps / b.rps).toFixed(2)} of (b) (goal >= 0.6); ${share(flood50)}`,
  );

  tessera.closeAllConnections();
  bare.closeAllConnections();
  bareReading.closeAllConnections();
  await Promise.all([tessera, bare, bareReading].map((server) => new Promise((r) => server.close(r))));
  await app.close();
  await bench.close();
}

const which = process.env.BENCH_DB;
console.log(`verification benchmark, Node ${process.version}, ${new Date().toISOString()}`);
if (!which || which === "pglite") await run("pglite");
if (!which || which === "postgres") await run("postgres");
process.exit(0);
