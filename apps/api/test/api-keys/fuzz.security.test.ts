import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Client, OrgFixture } from "../support/harness.ts";
import { useHarness } from "../support/harness.ts";
import { createMutation, gid, keyGid, renewMutation, revokeMutation, updateMutation } from "./support.ts";

const h = useHarness();

// A bounded fuzz of the key mutations over GraphQL: whatever an attacker puts in the variables, the
// answer is never a 500 or a stack trace, and a refused change writes nothing — no key, no restriction,
// no audit event. Runs are few (each is a real request on a real database) so the file takes seconds.

const junkString = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: "grapheme", maxLength: 60 }),
  fc.constantFrom(
    "",
    " ",
    "\u0000",
    "' OR 1=1 --",
    "$" + "{jndi:ldap://x}",
    "<script>alert(1)</script>",
    "a".repeat(5_000),
  ),
);
/** Any JSON value a client could send where a field expects something specific. */
const junkValue = fc.oneof(
  junkString,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(junkString, { maxLength: 5 }),
  fc.dictionary(fc.string({ maxLength: 5 }), junkString, { maxKeys: 3 }),
);
const junkId = fc.oneof(
  junkString,
  fc.uuid().map((u) => gid("ApiKey", u)),
  fc.uuid().map((u) => gid("Resource", u)),
  fc.constant(gid("ApiKey", "not-a-uuid")),
);
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const dateLike = fc.oneof(
  fc.date({ noInvalidDate: false }).map((d) => (Number.isNaN(d.getTime()) ? "Invalid Date" : d.toISOString())),
  junkValue,
);

function keyInput(organizationId: string) {
  return fc.record(
    {
      organizationId: fc.oneof(fc.constant(organizationId), junkId, junkValue),
      name: maybe(fc.oneof(junkString, junkValue)),
      description: maybe(junkValue),
      role: maybe(fc.oneof(fc.constantFrom("EDITOR", "VIEWER", "OWNER", "admin"), junkValue)),
      apiVersion: maybe(fc.oneof(fc.constantFrom("v1", "v2", "v9"), junkValue)),
      scopes: maybe(fc.oneof(fc.constant(["vehicles:read"]), fc.array(junkString, { maxLength: 4 }), junkValue)),
      resourceIds: maybe(fc.oneof(fc.array(junkId, { maxLength: 3 }), junkValue)),
      customerAccountIds: maybe(fc.oneof(fc.array(junkId, { maxLength: 3 }), junkValue)),
      origins: maybe(fc.oneof(fc.array(fc.oneof(fc.domain(), fc.webUrl(), junkString), { maxLength: 5 }), junkValue)),
      userAgent: maybe(junkValue),
      expiresAt: maybe(dateLike),
    },
    { requiredKeys: [] },
  );
}

async function footprint(f: OrgFixture) {
  const prisma = h.db.prisma;
  const where = { organizationId: f.org.id };
  return {
    keys: await prisma.apiKey.findMany({ where, orderBy: { id: "asc" } }),
    audit: await prisma.auditEvent.count({ where }),
    scopes: await prisma.apiKeyScope.count({ where: { apiKey: where } }),
    resources: await prisma.apiKeyResource.count({ where: { apiKey: where } }),
    accounts: await prisma.apiKeyCustomerAccount.count({ where: { apiKey: where } }),
  };
}

/** Sends one fuzzed mutation; checks the transport never fails and returns the result's typename. */
async function send(client: Client, query: string, field: string, input: unknown): Promise<string | undefined> {
  const response = await client.gql(query, { input });
  const text = JSON.stringify(response);
  expect(response.status, text.slice(0, 500)).toBeLessThan(500);
  expect(text).not.toMatch(/\bat [\w.<>]+ \(|node_modules|\.ts:\d+|PrismaClient|Invalid `prisma/);
  for (const error of response.errors ?? []) expect(error.message).not.toBe("Unexpected error.");
  return response.data?.[field]?.__typename;
}

describe("fuzzed key mutations", () => {
  it("createApiKey: no 500, no stack trace; a refusal writes nothing, a success writes one key and one event", async () => {
    const f = await h.newOrganization();
    const orgId = gid("Organization", f.org.id);
    await fc.assert(
      fc.asyncProperty(keyInput(orgId), async (input) => {
        const before = await footprint(f);
        const typename = await send(f.as.ADMIN, createMutation, "createApiKey", input);
        const after = await footprint(f);
        if (typename === "CreateApiKeyPayload") {
          expect(after.keys.length).toBe(before.keys.length + 1);
          expect(after.audit).toBe(before.audit + 1);
        } else {
          expect(after).toEqual(before);
        }
      }),
      { numRuns: 40 },
    );
  });

  it("updateApiKey, renewApiKey and revokeApiKey on real and junk ids: a refusal changes nothing", async () => {
    const f = await h.newOrganization();
    const { key } = await f.keyClient();
    const other = await h.newOrganization();
    const { key: foreignKey } = await other.keyClient();
    const target = fc.oneof(fc.constant(keyGid(key.id)), fc.constant(keyGid(foreignKey.id)), junkId, junkValue);
    const updates = fc.tuple(target, keyInput("")).map(([id, rest]) => {
      const { organizationId: _, role: __, expiresAt: ___, ...fields } = rest;
      return { id, ...fields };
    });
    const operations = fc.oneof(
      updates.map((input) => ({ query: updateMutation, field: "updateApiKey", input, ok: "UpdateApiKeyPayload" })),
      target.map((id) => ({ query: renewMutation, field: "renewApiKey", input: { id }, ok: "RenewApiKeyPayload" })),
      fc.record({ id: target, reason: maybe(junkValue) }).map((input) => ({
        query: revokeMutation,
        field: "revokeApiKey",
        input,
        ok: "RevokeApiKeyPayload",
      })),
    );
    await fc.assert(
      fc.asyncProperty(operations, async (op) => {
        const before = [await footprint(f), await footprint(other)];
        const typename = await send(f.as.OWNER, op.query, op.field, op.input);
        const after = [await footprint(f), await footprint(other)];
        expect(after[1], "another organization is never touched").toEqual(before[1]);
        if (typename !== op.ok) expect(after[0]).toEqual(before[0]);
      }),
      { numRuns: 40 },
    );
  });
});
