import { randomBytes } from "node:crypto";
import { demoKeySecrets } from "@tessera/demo-data";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminUrl, databaseUrl } from "../support/postgres-urls.ts";
import { gqlAt, type Instance, startInstance, verifyAt, waitForLine } from "./instances.ts";

// Two real server processes on one PostgreSQL database, as a deployment with two instances runs:
// a change made through A must be refused by B (LISTEN/NOTIFY), a dropped LISTEN connection must
// not leave B answering from a stale cache, and a clean shutdown must write the usage counted so far.
const name = `tessera_v_${randomBytes(5).toString("hex")}`;
const url = databaseUrl(name);
const admin = new pg.Client({ connectionString: adminUrl() });
const db = new pg.Client({ connectionString: url });
const instances: Instance[] = [];
const automation = demoKeySecrets.automation;
let a: Instance;
let b: Instance;
let orgId: string;
// The load test sees many refusals (revoked keys) from 127.0.0.1: the failure limit must not turn
// them, or the later tests' answers, into RATE_LIMITED.
const unlimited = { TESSERA_VERIFY_FAILURE_LIMIT: "1000000" };

beforeAll(async () => {
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  // The shutdown test counts on the flush at shutdown, not on a periodic one. A seeds the demo data
  // (off by default on a PostgreSQL server) for the demo automation key.
  a = await startInstance(url, { ...unlimited, TESSERA_USAGE_FLUSH_MS: "600000", TESSERA_SEED_DEMO: "true" });
  instances.push(a);
  b = await startInstance(url, { ...unlimited, TESSERA_SEED_DEMO: "false" });
  instances.push(b);
  await db.connect();
  orgId = (await gqlAt(a, automation, `{ organization(slug: "acme-fleet") { id } }`)).organization.id;
}, 120_000);

afterAll(async () => {
  for (const instance of instances) instance.child.kill("SIGKILL");
  await db.end();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
});

const createKey = async (origins: string[] = []) => {
  const data = await gqlAt(
    a,
    automation,
    `mutation C($input: CreateApiKeyInput!) { createApiKey(input: $input) {
      __typename ... on CreateApiKeyPayload { secret apiKey { id } } ... on Error { message } } }`,
    // The demo automation key holds all data scopes and keys:write, so it may grant all data scopes.
    { input: { organizationId: orgId, origins } },
  );
  if (!data.createApiKey.secret) throw new Error(JSON.stringify(data));
  return { secret: data.createApiKey.secret as string, id: data.createApiKey.apiKey.id as string };
};
const mutate = (mutation: string, input: Record<string, unknown>) =>
  gqlAt(
    a,
    automation,
    `mutation M($input: ${mutation[0]?.toUpperCase()}${mutation.slice(1)}Input!) { ${mutation}(input: $input) { __typename } }`,
    { input },
  );

type Sample = { key: string; at: "a" | "b"; started: number; code: string };

describe("verification across two instances on PostgreSQL", () => {
  it("under load: no accept after a revoke returned (A) or after the NOTIFY reached B, no valid key refused", async () => {
    const doomed = await Promise.all([0, 1, 2].map(() => createKey()));
    const kept = await Promise.all([0, 1, 2].map(() => createKey(["example.com"])));
    const all = [...doomed, ...kept];
    for (const key of all) for (const at of [a, b]) await verifyAt(at, { key: key.secret, origin: "example.com" });

    const samples: Sample[] = [];
    let running = true;
    const worker = async (at: Instance, label: "a" | "b") => {
      for (let i = 0; running; i++) {
        const key = all[i % all.length] as (typeof all)[number];
        const started = performance.now();
        const { code } = await verifyAt(at, { key: key.secret, origin: "https://example.com" });
        samples.push({ key: key.id, at: label, started, code });
      }
    };
    const workers = [worker(a, "a"), worker(a, "a"), worker(b, "b"), worker(b, "b")];

    const revokedAt = new Map<string, number>();
    const reachedB: number[] = [];
    for (const [i, key] of doomed.entries()) {
      const other = kept[i] as (typeof kept)[number];
      // Edits and renewals that keep the answer VALID must never produce a refusal on either instance.
      await mutate("updateApiKey", {
        id: other.id,
        description: `edit ${i}`,
        origins: ["example.com", "*.example.org"],
      });
      await mutate("renewApiKey", { id: other.id });
      await new Promise((resolve) => setTimeout(resolve, 150));
      await mutate("revokeApiKey", { id: key.id });
      const returned = performance.now();
      revokedAt.set(key.id, returned);
      while ((await verifyAt(b, { key: key.secret, origin: "example.com" })).code !== "REVOKED") {
        /* poll */
      }
      reachedB.push(performance.now() - returned);
      await mutate("updateApiKey", { id: other.id, origins: ["example.com"] });
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
    running = false;
    await Promise.all(workers);

    const acceptedAfterRevoke = samples.filter((s) => {
      const returned = revokedAt.get(s.key);
      return s.code === "VALID" && returned !== undefined && s.started > returned;
    });
    const onA = acceptedAfterRevoke.filter((s) => s.at === "a");
    const slowestB = Math.max(...reachedB);
    const onBAfterNotify = acceptedAfterRevoke.filter(
      (s) => s.at === "b" && s.started > (revokedAt.get(s.key) ?? 0) + slowestB,
    );
    const keptIds = new Set(kept.map((k) => k.id));
    const refusedValid = samples.filter((s) => keptIds.has(s.key) && s.code !== "VALID");
    console.info(
      `verification under load: ${samples.length} verifications; revoke on A -> refused on B in ${reachedB.map((ms) => ms.toFixed(1)).join(", ")} ms`,
    );
    expect(samples.length).toBeGreaterThan(100);
    expect(onA).toEqual([]);
    expect(onBAfterNotify).toEqual([]);
    expect(refusedValid).toEqual([]);
    // The goal is < 100 ms; the bound leaves room for a machine shared with other test runs.
    expect(slowestB).toBeLessThan(1000);
  }, 60_000);

  it("a key created on A is VALID on B at once, every time: A returns only once its NOTIFY is out", async () => {
    // B's existence filter must know the key before A's mutation returns, or B would say NOT_FOUND.
    const codes: string[] = [];
    const took: number[] = [];
    for (let i = 0; i < 20; i++) {
      const started = performance.now();
      const key = await createKey();
      took.push(performance.now() - started);
      codes.push((await verifyAt(b, { key: key.secret })).code);
    }
    took.sort((x, y) => x - y);
    console.info(`createApiKey on A, p50 ${took[10]?.toFixed(1)} ms, max ${took.at(-1)?.toFixed(1)} ms`);
    expect(codes).toEqual(codes.map(() => "VALID"));
    // A made-up key is still refused by B (from its filter, without a lookup).
    expect((await verifyAt(b, { key: "tsr_0000000000000000000000000000000O_000000" })).code).toBe("NOT_FOUND");
  }, 60_000);

  it("a dropped LISTEN connection flushes the cache: a change B could not hear about is still seen", async () => {
    const key = await createKey();
    expect((await verifyAt(b, { key: key.secret })).code).toBe("VALID"); // now cached on B
    const lostBefore = b.lines.filter((l) => l.msg.startsWith("verification change listener lost")).length;
    await db.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'tessera-listener' AND datname = $1`,
      [name],
    );
    await waitForLine(b, "verification change listener lost; cache bypassed until it reconnects", lostBefore + 1);
    // A change that sends no NOTIFY (made behind Tessera's back): only a flushed cache can see it.
    await db.query(`UPDATE "ApiKey" SET "revokedAt" = now() WHERE id = $1::uuid`, [
      Buffer.from(key.id, "base64").toString().split(":")[1],
    ]);
    expect((await verifyAt(b, { key: key.secret })).code).toBe("REVOKED");
    await waitForLine(b, "listening for verification changes", 2);
    expect((await verifyAt(b, { key: key.secret })).code).toBe("REVOKED");
  }, 30_000);

  it("resource moves and deletes: A answers the new way when the mutation returns, B as soon as the NOTIFY arrives", async () => {
    const resourceAt = async (at: Instance, mutation: string, input: Record<string, unknown>) => {
      const type = `${mutation[0]?.toUpperCase()}${mutation.slice(1)}`;
      const data = await gqlAt(
        at,
        automation,
        `mutation M($input: ${type}Input!) { ${mutation}(input: $input) {
          __typename ... on ${type}Payload { resource { id } } ... on Error { message } } }`,
        { input },
      );
      if (data[mutation].__typename !== `${type}Payload`) throw new Error(JSON.stringify(data));
      return data[mutation].resource?.id as string;
    };
    const group = await resourceAt(a, "createResource", { organizationId: orgId, kind: "VEHICLE_GROUP", name: "G" });
    const van = await resourceAt(a, "createResource", {
      organizationId: orgId,
      kind: "VEHICLE",
      name: "Van",
      parentId: group,
    });
    const created = await gqlAt(
      a,
      automation,
      `mutation C($input: CreateApiKeyInput!) { createApiKey(input: $input) {
        __typename ... on CreateApiKeyPayload { secret } ... on Error { message } } }`,
      { input: { organizationId: orgId, resourceIds: [group] } },
    );
    const key = created.createApiKey.secret as string;
    // A answers the new way as soon as the mutation returns; B once the NOTIFY has arrived (a few
    // milliseconds after the commit), polled for at most a second.
    const codes = async () => {
      const atA = (await verifyAt(a, { key, resourceId: van })).code;
      let atB = (await verifyAt(b, { key, resourceId: van })).code;
      for (let i = 0; i < 100 && atB !== atA; i++) {
        await new Promise((resolve) => setTimeout(resolve, 10));
        atB = (await verifyAt(b, { key, resourceId: van })).code;
      }
      return [atA, atB];
    };
    expect(await codes()).toEqual(["VALID", "VALID"]); // the van's chain is cached on both

    await resourceAt(a, "moveResource", { id: van, parentId: null });
    expect(await codes()).toEqual(["RESOURCE_FORBIDDEN", "RESOURCE_FORBIDDEN"]);
    await resourceAt(b, "moveResource", { id: van, parentId: group });
    expect(await codes()).toEqual(["VALID", "VALID"]);

    const deleted = await gqlAt(
      a,
      automation,
      `mutation D($input: DeleteResourceInput!) { deleteResource(input: $input) {
        __typename ... on DeleteResourcePayload { restrictionsLost { leftWithNoResources } } } }`,
      { input: { id: group, recursive: true } },
    );
    expect(deleted.deleteResource.restrictionsLost).toEqual([{ leftWithNoResources: true }]);
    expect(await codes()).toEqual(["RESOURCE_FORBIDDEN", "RESOURCE_FORBIDDEN"]);
    // Restricted to nothing now: a resource that still exists is refused too, never allowed as "all".
    const other = await resourceAt(b, "createResource", { organizationId: orgId, kind: "VEHICLE", name: "Other" });
    expect((await verifyAt(b, { key, resourceId: other })).code).toBe("RESOURCE_FORBIDDEN");
  }, 60_000);

  it("a clean shutdown writes the usage counted so far; the restarted process shows it", async () => {
    const key = await createKey();
    for (let i = 0; i < 7; i++) expect((await verifyAt(a, { key: key.secret })).code).toBe("VALID");
    await verifyAt(a, { key: key.secret, scope: "keys:write" });
    a.child.kill("SIGTERM");
    expect(await a.exited).toBe(0);

    const restarted = await startInstance(url, { ...unlimited, TESSERA_SEED_DEMO: "false" });
    instances.push(restarted);
    const since = new Date(Date.now() - 3_600_000).toISOString();
    const until = new Date(Date.now() + 3_600_000).toISOString();
    const data = await gqlAt(
      restarted,
      automation,
      `query U($id: ID!, $since: DateTime!, $until: DateTime!) { node(id: $id) { ... on ApiKey {
        lastUsedAt usage(since: $since, until: $until, granularity: DAY) { total byCode { code count } } } } }`,
      { id: key.id, since, until },
    );
    const counts: Record<string, number> = {};
    for (const bucket of data.node.usage)
      for (const c of bucket.byCode) counts[c.code] = (counts[c.code] ?? 0) + c.count;
    expect(counts).toEqual({ VALID: 7, INSUFFICIENT_SCOPE: 1 });
    expect(data.node.lastUsedAt).not.toBeNull();
  }, 60_000);
});
