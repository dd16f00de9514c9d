import { describe, expect, it } from "vitest";
import { useHarness } from "../support/harness.ts";
import { createMutation, expectError, gid, readOnlyCallers } from "./support.ts";

const h = useHarness();

describe("createApiKey authorization", () => {
  it("another organization's id behaves exactly like an id that does not exist", async () => {
    const org = await h.newOrganization();
    const other = await h.newOrganization();
    const foreign = await org.as.OWNER.gql(createMutation, {
      input: { organizationId: gid("Organization", other.org.id) },
    });
    const unknown = await org.as.OWNER.gql(createMutation, {
      input: { organizationId: gid("Organization", "00000000-0000-4000-8000-000000000000") },
    });
    const malformed = await org.as.OWNER.gql(createMutation, { input: { organizationId: "garbage" } });
    expectError(foreign.data?.createApiKey, "NOT_FOUND");
    expect(foreign.data?.createApiKey).toEqual(unknown.data?.createApiKey);
    expect(malformed.data?.createApiKey).toEqual(unknown.data?.createApiKey);
    expect(await h.db.prisma.apiKey.count({ where: { organizationId: other.org.id } })).toBe(0);
  });

  it("an API key cannot create keys in another organization", async () => {
    const org = await h.newOrganization();
    const other = await h.newOrganization();
    const { client } = await org.keyClient({ managementScopes: "all" });
    const result = await client.gql(createMutation, { input: { organizationId: gid("Organization", other.org.id) } });
    expectError(result.data?.createApiKey, "NOT_FOUND");
  });

  it("EDITOR, VIEWER and keys without keys:write are forbidden, and nothing is created", async () => {
    const org = await h.newOrganization();
    for (const [label, client] of await readOnlyCallers(org)) {
      const result = await client.gql(createMutation, { input: { organizationId: gid("Organization", org.org.id) } });
      expect(result.data?.createApiKey.__typename, label).toBe("ForbiddenError");
    }
    expect(await h.db.prisma.apiKey.count({ where: { organizationId: org.org.id } })).toBe(1); // the keys:read key
  });

  it("anonymous callers are told to authenticate", async () => {
    const org = await h.newOrganization();
    const result = await h.anonymous.gql(createMutation, {
      input: { organizationId: gid("Organization", org.org.id) },
    });
    expectError(result.data?.createApiKey, "UNAUTHENTICATED");
  });

  it("revoked and expired keys are refused with 401", async () => {
    const org = await h.newOrganization();
    for (const options of [{ revoked: true }, { expiresAt: new Date(Date.now() - 1000) }]) {
      const { client } = await org.keyClient(options);
      const result = await client.gql(createMutation, { input: { organizationId: gid("Organization", org.org.id) } });
      expect(result.status).toBe(401);
      expect(result.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    }
  });

  it("a restricted key can never create a key with more scopes than it has", async () => {
    const org = await h.newOrganization();
    const { client } = await org.keyClient({ scopes: ["keys:write", "vehicles:read"] });
    const before = await h.db.prisma.apiKey.count();
    const wider = await client.gql(createMutation, {
      input: { organizationId: gid("Organization", org.org.id), scopes: ["vehicles:read", "routes:write"] },
    });
    expectError(wider.data?.createApiKey, "FORBIDDEN");
    expect(wider.data?.createApiKey.message).toContain("routes:write");
    const all = await client.gql(createMutation, { input: { organizationId: gid("Organization", org.org.id) } });
    expectError(all.data?.createApiKey, "FORBIDDEN");
    expect(await h.db.prisma.apiKey.count()).toBe(before);
  });

  it("a key cannot grant management scopes it does not hold, nor all data scopes when it has some", async () => {
    const org = await h.newOrganization();
    const { client } = await org.keyClient({ scopes: ["vehicles:read"], managementScopes: ["keys:write"] });
    const before = await h.db.prisma.apiKey.count();
    const organizationId = gid("Organization", org.org.id);
    const beyond = await client.gql(createMutation, {
      input: {
        organizationId,
        role: "EDITOR",
        scopes: ["vehicles:read"],
        managementScopes: ["keys:write", "accounts:write"],
      },
    });
    expectError(beyond.data?.createApiKey, "FORBIDDEN");
    expect(beyond.data?.createApiKey.message).toBe(
      "This API key cannot grant management scopes it does not hold: accounts:write.",
    );
    const readOfWrite = await client.gql(createMutation, {
      input: { organizationId, scopes: ["vehicles:read"], managementScopes: ["keys:read"] },
    });
    expectError(readOfWrite.data?.createApiKey, "FORBIDDEN");
    expect(await h.db.prisma.apiKey.count()).toBe(before);
    const within = await client.gql(createMutation, {
      input: { organizationId, role: "EDITOR", scopes: ["vehicles:read"], managementScopes: ["keys:write"] },
    });
    expect(within.data?.createApiKey).toMatchObject({ apiKey: { managementScopes: ["keys:write"] } });
  });

  it("a key cannot grant resources and accounts beyond its own", async () => {
    const org = await h.newOrganization();
    const prisma = h.db.prisma;
    const [mine, other] = await Promise.all(
      ["mine", "other"].map((name) =>
        prisma.resource.create({ data: { organizationId: org.org.id, kind: "VEHICLE", name } }),
      ),
    );
    if (!mine || !other) throw new Error("fixture");
    const { client, key } = await org.keyClient({ managementScopes: ["keys:write"] });
    await prisma.apiKey.update({
      where: { id: key.id },
      data: { allResources: false, allCustomerAccounts: false, resources: { create: [{ resourceId: mine.id }] } },
    });
    const before = await prisma.apiKey.count();
    const organizationId = gid("Organization", org.org.id);
    const attempts = [
      { resourceIds: null, customerAccountIds: [] },
      { resourceIds: [gid("Resource", other.id)], customerAccountIds: [] },
      { resourceIds: [gid("Resource", mine.id)] },
    ];
    for (const attempt of attempts) {
      const result = await client.gql(createMutation, { input: { organizationId, ...attempt } });
      expectError(result.data?.createApiKey, "FORBIDDEN");
    }
    expect(await prisma.apiKey.count()).toBe(before);
    const within = await client.gql(createMutation, {
      input: { organizationId, resourceIds: [gid("Resource", mine.id)], customerAccountIds: [] },
    });
    expect(within.data?.createApiKey.__typename).toBe("CreateApiKeyPayload");
  });
});
