import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import { type AddressInfo, Socket } from "node:net";
import {
  createOrganization,
  defaultVerificationSettings,
  generateApiKey,
  type VerificationSettings,
} from "@tessera/core";
import { type Database, openDatabase } from "@tessera/db";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Logger } from "../../src/log.ts";
import { type App, createApp } from "../../src/server.ts";
import { adminUrl, databaseUrl } from "../support/postgres-urls.ts";

// Two Tessera instances (each its own database pool, caches, limiters and Redis client) on one
// PostgreSQL database and one Redis, as a deployment with two instances runs; requests go through
// each instance's own POST /v1/keys/verify. In-process for speed: nothing is shared between the two
// but PostgreSQL and Redis.
const redisUrl = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const name = `tessera_tr_${randomBytes(5).toString("hex")}`;
const admin = new pg.Client({ connectionString: adminUrl() });
const opened: { db: Database; app: App; server: Server }[] = [];
let orgId = "";
let versionId = "";

type Lines = { level: string; msg: string }[];
function capture(lines: Lines): Logger {
  const log = (level: string) => (msg: string) => void lines.push({ level, msg });
  return { debug: log("debug"), info: log("info"), warn: log("warn"), error: log("error") };
}

/** One instance: its own database client and app, served on a free port. */
async function instance(store: VerificationSettings["rateLimitStore"], lines: Lines = []) {
  const db = await openDatabase({ databaseUrl: databaseUrl(name) });
  const app = createApp({
    prisma: db.prisma,
    logger: capture(lines),
    verificationSettings: {
      ...defaultVerificationSettings,
      // Many refusals from 127.0.0.1 by design: the failure limiter must not replace them.
      failureLimit: { ...defaultVerificationSettings.failureLimit, points: 1_000_000 },
      rateLimitStore: store,
    },
  });
  const server = createServer((req, res) => void app.handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  opened.push({ db, app, server });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { app, url };
}

type Answer = { code: string; valid: boolean; degraded: boolean; creditsRemaining: number | null };
async function verifyAt(url: string, input: Record<string, unknown>): Promise<Answer> {
  const response = await fetch(`${url}/v1/keys/verify`, { method: "POST", body: JSON.stringify(input) });
  return (await response.json()) as Answer;
}

/** A key inserted directly (the management API is tested elsewhere), with limits and/or credits. */
async function key(options: { rateLimits?: unknown[]; credits?: number }) {
  const generated = generateApiKey();
  const prisma = opened[0]?.db.prisma ?? (await openDatabase({ databaseUrl: databaseUrl(name) })).prisma;
  const created = await prisma.apiKey.create({
    data: {
      organizationId: orgId,
      name: `k-${randomBytes(4).toString("hex")}`,
      hashedKey: generated.hash,
      hint: generated.hint,
      apiVersionId: versionId,
      expiresAt: new Date(Date.now() + 86_400_000),
      rateLimits: (options.rateLimits ?? []) as never,
      ...(options.credits === undefined ? {} : { credits: { create: { remaining: options.credits } } }),
    },
  });
  // Inserted behind the instances' backs: their existence filters learn of it by reloading.
  await Promise.all(opened.map(({ app }) => app.verification.loadFilter()));
  return { secret: generated.secret, id: created.id };
}

const limit = (n: number, seconds = 60) => ({
  name: "requests",
  limit: n,
  durationMs: seconds * 1000,
  autoApply: true,
});
const count = (answers: Answer[], code: string) => answers.filter((a) => a.code === code).length;

beforeAll(async () => {
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const db = await openDatabase({ databaseUrl: databaseUrl(name) });
  await db.migrate();
  const org = await db.prisma.$transaction((tx) =>
    createOrganization(tx, {
      slug: `traffic-${randomBytes(3).toString("hex")}`,
      name: "Traffic",
      domainScopes: [],
      apiVersions: [{ name: "v1" }],
      members: [],
    }),
  );
  orgId = org.id;
  versionId = (await db.prisma.apiVersion.findFirstOrThrow({ where: { organizationId: orgId } })).id;
  await db.close();
}, 60_000);

afterAll(async () => {
  for (const { app, db, server } of opened) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await app.close();
    await db.close();
  }
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
});

describe("two instances on one PostgreSQL and one Redis", () => {
  it("credits N with 4N concurrent verifications across both instances: exactly N VALID", async () => {
    const a = await instance({ kind: "memory" });
    const b = await instance({ kind: "memory" });
    const n = 40;
    const { secret, id } = await key({ credits: n });
    const answers = await Promise.all(
      Array.from({ length: 4 * n }, (_, i) => verifyAt(i % 2 ? a.url : b.url, { key: secret })),
    );
    expect(count(answers, "VALID")).toBe(n);
    expect(count(answers, "USAGE_EXCEEDED")).toBe(3 * n);
    const left = await opened[0]?.db.prisma.apiKeyCredits.findUniqueOrThrow({ where: { apiKeyId: id } });
    expect(left?.remaining).toBe(0);
  }, 60_000);

  it("redis: a limit L per window admits at most L across both instances", async () => {
    // rate-limiter-flexible counts fixed windows that start at a pool's first charge (one atomic
    // INCRBY per charge in Redis): within one window at most L pass, whichever instance answers.
    // The documented slack is at a window's edge: L at the end of one window and L at the start
    // of the next can pass within less than one duration. This burst fits inside one 60 s window.
    const a = await instance({ kind: "redis", url: redisUrl });
    const b = await instance({ kind: "redis", url: redisUrl });
    const l = 25;
    const { secret } = await key({ rateLimits: [limit(l)] });
    const answers = await Promise.all(
      Array.from({ length: 4 * l }, (_, i) => verifyAt(i % 2 ? a.url : b.url, { key: secret })),
    );
    expect(count(answers, "VALID")).toBe(l);
    expect(count(answers, "RATE_LIMITED")).toBe(3 * l);
    expect(answers.every((answer) => answer.degraded === false)).toBe(true);
  }, 60_000);

  it("memory: each instance counts alone, so two instances admit up to 2L", async () => {
    const a = await instance({ kind: "memory" });
    const b = await instance({ kind: "memory" });
    const l = 10;
    const { secret } = await key({ rateLimits: [limit(l)] });
    const answers = await Promise.all(
      Array.from({ length: 4 * l }, (_, i) => verifyAt(i % 2 ? a.url : b.url, { key: secret })),
    );
    expect(count(answers, "VALID")).toBe(2 * l);
  }, 60_000);
});

describe("Redis stopped mid-run", () => {
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  let redis: ChildProcess | null = null;

  async function startRedis() {
    redis = spawn("redis-server", ["--bind", "127.0.0.1", "--port", String(port), "--save", "", "--appendonly", "no"], {
      stdio: "ignore",
    });
    for (let i = 0; i < 100; i++) {
      const up = await new Promise<boolean>((resolve) => {
        const socket = new Socket();
        socket.once("connect", () => {
          socket.destroy();
          resolve(true);
        });
        socket.once("error", () => resolve(false));
        socket.connect(port, "127.0.0.1");
      });
      if (up) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error("redis-server did not start");
  }

  async function stopRedis() {
    const child = redis;
    if (!child || child.exitCode !== null) return;
    await new Promise((resolve) => {
      child.once("exit", resolve);
      child.kill("SIGKILL");
    });
  }

  afterAll(stopRedis);

  it("valid traffic keeps flowing with degraded: true, said once in the log, and is exact again when Redis returns", async () => {
    await startRedis();
    const linesA: Lines = [];
    const a = await instance({ kind: "redis", url: `redis://127.0.0.1:${port}` }, linesA);
    const b = await instance({ kind: "redis", url: `redis://127.0.0.1:${port}` });
    const { secret } = await key({ rateLimits: [limit(1000)] });
    await expect.poll(() => a.app.verification.stats().rateLimitStoreDegraded, { timeout: 5_000 }).toBe(false);
    expect(await verifyAt(a.url, { key: secret })).toMatchObject({ code: "VALID", degraded: false });

    await stopRedis();
    const during = await Promise.all(
      Array.from({ length: 20 }, (_, i) => verifyAt(i % 2 ? a.url : b.url, { key: secret })),
    );
    expect(during.map((answer) => answer.code)).toEqual(Array(20).fill("VALID"));
    expect(during.every((answer) => answer.degraded)).toBe(true);
    expect(a.app.verification.stats()).toMatchObject({ rateLimitStoreDegraded: true });
    expect(a.app.verification.stats().degradedAnswers).toBeGreaterThanOrEqual(10);
    const said = linesA.filter((line) => line.msg.startsWith("rate limits degraded"));
    expect(said).toHaveLength(1);
    const metrics = await a.app.metrics.registry.metrics();
    expect(metrics).toMatch(/tessera_rate_limit_degraded_total \d+/);
    expect(metrics).toContain("tessera_rate_limit_store_degraded 1");

    await startRedis();
    await expect.poll(() => a.app.verification.stats().rateLimitStoreDegraded, { timeout: 10_000 }).toBe(false);
    await expect.poll(() => b.app.verification.stats().rateLimitStoreDegraded, { timeout: 10_000 }).toBe(false);
    expect(linesA.filter((line) => line.msg.startsWith("rate limits shared again"))).toHaveLength(1);
    // Exact again: a fresh limit of L is shared by both instances.
    const l = 15;
    const fresh = await key({ rateLimits: [limit(l)] });
    const after = await Promise.all(
      Array.from({ length: 3 * l }, (_, i) => verifyAt(i % 2 ? a.url : b.url, { key: fresh.secret })),
    );
    expect(count(after, "VALID")).toBe(l);
    expect(after.every((answer) => answer.degraded === false)).toBe(true);
  }, 60_000);
});
