import { randomBytes } from "node:crypto";
import { demoPassword } from "@tessera/demo-data";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminUrl, databaseUrl } from "../support/postgres-urls.ts";
import { type Instance, startInstance } from "./instances.ts";

// Two real server processes on one PostgreSQL database: a scope retired or an API version deprecated
// through A must be seen by B (LISTEN/NOTIFY, the organization-wide change), for keys that name the
// scope and for all-scopes keys alike, while B holds every key in its cache.
const name = `tessera_c_${randomBytes(5).toString("hex")}`;
const url = databaseUrl(name);
const admin = new pg.Client({ connectionString: adminUrl() });
let a: Instance;
let b: Instance;
let cookie: string;
let orgId: string;

beforeAll(async () => {
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  a = await startInstance(url, { TESSERA_SEED_DEMO: "true", TESSERA_VERIFY_FAILURE_LIMIT: "1000000" });
  b = await startInstance(url, { TESSERA_SEED_DEMO: "false", TESSERA_VERIFY_FAILURE_LIMIT: "1000000" });
  const response = await fetch(`${a.base}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      query: `mutation S($input: SignInInput!) { signIn(input: $input) { __typename } }`,
      variables: { input: { email: "owner@acme.test", password: demoPassword } },
    }),
  });
  cookie = (response.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  orgId = (await gql(`{ organization(slug: "acme-fleet") { id } }`)).organization.id;
}, 120_000);

afterAll(async () => {
  for (const instance of [a, b]) instance?.child.kill("SIGKILL");
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
});

/** A GraphQL call to A as the demo organization's owner (the catalogue is changed by members only). */
async function gql(query: string, variables: Record<string, unknown> = {}) {
  const response = await fetch(`${a.base}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: any; errors?: unknown };
  if (!body.data) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

async function verifyAt(instance: Instance, input: Record<string, unknown>) {
  const response = await fetch(`${instance.base}/v1/keys/verify`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(input),
  });
  return { headers: response.headers, answer: (await response.json()) as Record<string, unknown> };
}

async function createKey(input: Record<string, unknown>) {
  const data = await gql(
    `mutation C($input: CreateApiKeyInput!) { createApiKey(input: $input) {
      __typename ... on CreateApiKeyPayload { secret } ... on Error { message } } }`,
    { input: { organizationId: orgId, ...input } },
  );
  if (!data.createApiKey.secret) throw new Error(JSON.stringify(data));
  return data.createApiKey.secret as string;
}

/** Polls B until `done` holds; returns how long after A's mutation returned that took, in ms. */
async function reachedB(input: Record<string, unknown>, done: (r: Awaited<ReturnType<typeof verifyAt>>) => boolean) {
  const returned = performance.now();
  while (!done(await verifyAt(b, input))) {
    if (performance.now() - returned > 5_000) throw new Error("B never saw the change");
  }
  return performance.now() - returned;
}

describe("catalogue changes across two instances on PostgreSQL", () => {
  it("a scope retired on A stops verifying on A at once and on B within the NOTIFY's delay, for named and all-scopes keys", async () => {
    const created = await gql(
      `mutation($input: CreateScopeInput!) { createScope(input: $input) { ... on CreateScopePayload { scope { id } } } }`,
      { input: { organizationId: orgId, name: "trips:read", description: "Read trips." } },
    );
    const scopeId = created.createScope.scope.id;
    const named = await createKey({ scopes: ["trips:read"] });
    const all = await createKey({});
    for (const key of [named, all]) {
      expect((await verifyAt(a, { key, scope: "trips:read" })).answer.code).toBe("VALID");
      // A new key reaches B's existence filter through NOTIFY too: wait until B has it (and caches it).
      await reachedB({ key, scope: "trips:read" }, (r) => r.answer.code === "VALID");
    }
    await gql(`mutation($input: RetireScopeInput!) { retireScope(input: $input) { __typename } }`, {
      input: { id: scopeId },
    });
    const delays: number[] = [];
    for (const key of [named, all]) {
      expect((await verifyAt(a, { key, scope: "trips:read" })).answer.code).toBe("INSUFFICIENT_SCOPE");
      delays.push(await reachedB({ key, scope: "trips:read" }, (r) => r.answer.code === "INSUFFICIENT_SCOPE"));
    }
    console.info(`retire on A -> refused on B in ${delays.map((ms) => ms.toFixed(1)).join(", ")} ms`);
    // The goal is < 100 ms; the bound leaves room for a machine shared with other test runs.
    expect(Math.max(...delays)).toBeLessThan(1000);
  }, 60_000);

  it("a version deprecated on A is announced by B's answers and headers", async () => {
    const versions = await gql(`{ organization(slug: "acme-fleet") { apiVersions { id name isDefault } } }`);
    const current = versions.organization.apiVersions.find((v: { isDefault: boolean }) => v.isDefault);
    const key = await createKey({ apiVersion: current.name });
    await reachedB({ key }, (r) => r.answer.code === "VALID");
    expect((await verifyAt(b, { key })).answer.apiVersionDeprecated).toBe(false);
    const next = await gql(
      `mutation($input: CreateApiVersionInput!) { createApiVersion(input: $input) { ... on CreateApiVersionPayload { apiVersion { id } } } }`,
      { input: { organizationId: orgId, name: "v3" } },
    );
    await gql(`mutation($input: SetDefaultApiVersionInput!) { setDefaultApiVersion(input: $input) { __typename } }`, {
      input: { id: next.createApiVersion.apiVersion.id },
    });
    const sunsetAt = "2027-09-30T00:00:00.000Z";
    const deprecated = await gql(
      `mutation($input: DeprecateApiVersionInput!) { deprecateApiVersion(input: $input) { __typename } }`,
      { input: { id: current.id, sunsetAt } },
    );
    expect(deprecated.deprecateApiVersion.__typename).toBe("DeprecateApiVersionPayload");
    expect((await verifyAt(a, { key })).answer).toMatchObject({
      apiVersionDeprecated: true,
      apiVersionSunsetAt: sunsetAt,
    });
    const delay = await reachedB({ key }, (r) => r.answer.apiVersionDeprecated === true);
    const onB = await verifyAt(b, { key });
    expect(onB.answer).toMatchObject({ valid: true, apiVersionSunsetAt: sunsetAt });
    expect(onB.headers.get("sunset")).toBe("Thu, 30 Sep 2027 00:00:00 GMT");
    expect(onB.headers.get("deprecation")).toMatch(/^@\d+$/);
    console.info(`deprecate on A -> announced on B in ${delay.toFixed(1)} ms`);
    expect(delay).toBeLessThan(1000);
  }, 60_000);
});
