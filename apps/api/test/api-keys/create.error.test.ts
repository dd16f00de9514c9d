import { describe, expect, it } from "vitest";
import { type OrgFixture, useHarness } from "../support/harness.ts";
import { createKey, createMutation, expectError, gid } from "./support.ts";

const h = useHarness();
const dayMs = 86_400_000;

async function countsOf(org: OrgFixture) {
  return {
    keys: await h.db.prisma.apiKey.count({ where: { organizationId: org.org.id } }),
    events: await h.db.prisma.auditEvent.count({ where: { organizationId: org.org.id } }),
  };
}

const invalid: [string, Record<string, unknown>, string][] = [
  ["a name over 100 characters", { name: "x".repeat(101) }, "name"],
  ["a blank name", { name: "   " }, "name"],
  ["a description over 1000 characters", { description: "d".repeat(1001) }, "description"],
  ["an origin with a scheme", { origins: ["https://example.com"] }, "origins"],
  ["an origin with a port", { origins: ["example.com:8080"] }, "origins"],
  ["an origin with a path", { origins: ["example.com/app"] }, "origins"],
  ["a wildcard in the middle of an origin", { origins: ["api.*.example.com"] }, "origins"],
  ["a user agent with a wildcard", { userAgent: "Mozilla*" }, "userAgent"],
  ["a blank user agent", { userAgent: "  " }, "userAgent"],
  ["an expiry less than a day ahead", { expiresAt: new Date(Date.now() + 3_600_000).toISOString() }, "expiresAt"],
  ["an expiry in the past", { expiresAt: new Date(Date.now() - dayMs).toISOString() }, "expiresAt"],
  ["an expiry more than 12 months ahead", { expiresAt: new Date(Date.now() + 370 * dayMs).toISOString() }, "expiresAt"],
  ["an unknown scope", { scopes: ["vehicles:read", "rockets:launch"] }, "scopes"],
  ["an empty scope list", { scopes: [] }, "scopes"],
  ["an unknown API version", { apiVersion: "v9" }, "apiVersion"],
  ["a deprecated API version", { apiVersion: "v1" }, "apiVersion"],
  ["a malformed resource id", { resourceIds: ["not-an-id"] }, "resourceIds"],
  ["an unknown resource", { resourceIds: [gid("Resource", "00000000-0000-4000-8000-000000000000")] }, "resourceIds"],
  [
    "a customer account id of the wrong type",
    { customerAccountIds: [gid("User", "00000000-0000-4000-8000-000000000000")] },
    "customerAccountIds",
  ],
];

describe("createApiKey rejects bad input with a specific error and creates nothing", () => {
  it.each(invalid)("%s", async (_label, input, field) => {
    const org = await h.newOrganization();
    const before = await countsOf(org);
    const result = await org.as.ADMIN.gql(createMutation, {
      input: { organizationId: gid("Organization", org.org.id), ...input },
    });
    expect(result.data?.createApiKey.__typename).toBe("ValidationError");
    expectError(result.data?.createApiKey, "VALIDATION", field);
    expect(result.data?.createApiKey.message.length).toBeGreaterThan(10);
    expect(await countsOf(org)).toEqual(before);
  });

  it("names the offending origin in the message", async () => {
    const org = await h.newOrganization();
    const result = await org.as.ADMIN.gql(createMutation, {
      input: { organizationId: gid("Organization", org.org.id), origins: ["ok.com", "http://bad.com"] },
    });
    expect(result.data?.createApiKey.message).toContain("http://bad.com");
  });

  it("refuses a name already used in the organization (conflict), but allows it in another organization", async () => {
    const org = await h.newOrganization();
    await createKey(org, { name: "Integration" });
    const before = await countsOf(org);
    const result = await org.as.ADMIN.gql(createMutation, {
      input: { organizationId: gid("Organization", org.org.id), name: "Integration" },
    });
    expectError(result.data?.createApiKey, "CONFLICT");
    expect(await countsOf(org)).toEqual(before);
    await createKey(await h.newOrganization(), { name: "Integration" });
  });

  it("refuses a resource of another organization exactly like an unknown one", async () => {
    const org = await h.newOrganization();
    const other = await h.newOrganization();
    const foreign = await h.db.prisma.resource.create({
      data: { organizationId: other.org.id, kind: "VEHICLE", name: "x" },
    });
    const result = await org.as.ADMIN.gql(createMutation, {
      input: { organizationId: gid("Organization", org.org.id), resourceIds: [gid("Resource", foreign.id)] },
    });
    expectError(result.data?.createApiKey, "VALIDATION", "resourceIds");
    expect(result.data?.createApiKey.message).toBe(`Unknown resource id: ${foreign.id}.`);
  });
});

describe("text the database cannot store", () => {
  it.each([
    ["a name", { name: "\u0000" }],
    ["a description", { description: "fleet\u0000dashboard" }],
    ["a user agent", { userAgent: "App\u0000" }],
  ])("a NUL character in %s is a 400 with a clear message, and nothing is written", async (_label, input) => {
    const org = await h.newOrganization();
    const before = await countsOf(org);
    const result = await org.as.ADMIN.gql(createMutation, {
      input: { organizationId: gid("Organization", org.org.id), ...input },
    });
    expect(result.status).toBe(400);
    expect(result.errors?.[0]?.message).toBe("Text may not contain the NUL character (U+0000).");
    expect(await countsOf(org)).toEqual(before);
  });
});
