import { hashApiKey, isWellFormedApiKey } from "@tessera/core";
import { describe, expect, it } from "vitest";
import { useHarness } from "../support/harness.ts";
import { createKey, createMutation, gid, rawId } from "./support.ts";

const h = useHarness();
const dayMs = 86_400_000;

describe("createApiKey", () => {
  it("issues a key with the documented defaults and shows its secret once", async () => {
    const org = await h.newOrganization();
    const { apiKey, secret, id } = await createKey(org);
    expect(isWellFormedApiKey(secret)).toBe(true);
    expect(apiKey).toMatchObject({
      role: "VIEWER",
      apiVersion: "v2",
      status: "ACTIVE",
      allScopes: true,
      scopes: [],
      allResources: true,
      allCustomerAccounts: true,
      origins: [],
      userAgent: null,
      createdBy: { email: org.users.OWNER.email },
      lastUsedAt: null,
      revokedAt: null,
    });
    expect(apiKey.name).toMatch(/^[a-z]+-[a-z]+-\d{4}$/);
    expect(secret.startsWith(apiKey.hint.replace("…", ""))).toBe(true);
    const expires = new Date(apiKey.expiresAt).getTime() - Date.now();
    expect(expires).toBeGreaterThan(364 * dayMs);
    expect(expires).toBeLessThan(367 * dayMs);

    // Only the hash is stored, and the secret appears nowhere else: not in the row, not in the audit log.
    const row = await h.db.prisma.apiKey.findUniqueOrThrow({ where: { id } });
    expect(row.hashedKey).toBe(hashApiKey(secret));
    expect(JSON.stringify(row)).not.toContain(secret);
    const events = await h.db.prisma.auditEvent.findMany({ where: { targetId: id } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: "api_key.created", actorUserId: org.users.OWNER.id });
    expect(JSON.stringify(events)).not.toContain(secret.slice(4, 20));

    const node = await org.as.ADMIN.gql(`query($id: ID!) { node(id: $id) { ... on ApiKey { name hint } } }`, {
      id: apiKey.id,
    });
    expect(JSON.stringify(node)).not.toContain(secret);
    expect(node.data?.node).toEqual({ name: apiKey.name, hint: apiKey.hint });
  });

  it("creates a restricted key with every option, and the new key authenticates", async () => {
    const org = await h.newOrganization();
    const prisma = h.db.prisma;
    const vehicle = await prisma.resource.create({
      data: { organizationId: org.org.id, kind: "VEHICLE", name: "Truck 7" },
    });
    const account = await prisma.customerAccount.create({
      data: { organizationId: org.org.id, name: "Acme", token: `acct_${org.org.id}` },
    });
    const expiresAt = new Date(Date.now() + 30 * dayMs).toISOString();
    const { apiKey, secret } = await createKey(org, {
      name: "  Fleet sync  ",
      description: "Nightly sync",
      role: "EDITOR",
      apiVersion: "v2",
      scopes: ["vehicles:read", "vehicles:read"],
      managementScopes: ["keys:read", " keys:write", "keys:read"],
      resourceIds: [gid("Resource", vehicle.id)],
      customerAccountIds: [gid("CustomerAccount", account.id)],
      origins: ["Example.com", "*.example.com", "?"],
      userAgent: "FleetSync/2",
      expiresAt,
    });
    expect(apiKey).toMatchObject({
      name: "Fleet sync",
      description: "Nightly sync",
      role: "EDITOR",
      status: "EXPIRING",
      allScopes: false,
      scopes: ["vehicles:read"],
      managementScopes: ["keys:read", "keys:write"],
      allResources: false,
      resources: [{ name: "Truck 7" }],
      allCustomerAccounts: false,
      customerAccounts: [{ name: "Acme" }],
      origins: ["example.com", "*.example.com", "?"],
      userAgent: "FleetSync/2",
      expiresAt,
    });
    // The key's own restrictions hold for its Bearer calls: no Origin is allowed by `?`, and the user
    // agent must contain "FleetSync/2".
    const asKey = h.client({ authorization: `Bearer ${secret}`, "user-agent": "FleetSync/2.4 (fleet)" });
    expect((await asKey.gql("{ viewer { apiKey { name } } }")).data?.viewer.apiKey.name).toBe("Fleet sync");
    // "Last used" is counted in memory and written by the usage flush, not by each call.
    await h.app.verification.usage.flush();
    const me = await asKey.gql("{ viewer { apiKey { lastUsedAt } } }");
    expect(me.data?.viewer.apiKey.lastUsedAt).not.toBeNull();
  });

  it("generates distinct readable names", async () => {
    const org = await h.newOrganization();
    const names = new Set<string>();
    for (let i = 0; i < 5; i++) names.add((await createKey(org)).apiKey.name);
    expect(names.size).toBe(5);
  });

  it("lets a key with keys:write create a key within its own scopes, recorded as created by that key", async () => {
    const org = await h.newOrganization();
    const { client, key } = await org.keyClient({ scopes: ["keys:write", "vehicles:read"] });
    const result = await client.gql(createMutation, {
      input: { organizationId: gid("Organization", org.org.id), scopes: ["vehicles:read"] },
    });
    expect(result.data?.createApiKey).toMatchObject({
      __typename: "CreateApiKeyPayload",
      apiKey: { scopes: ["vehicles:read"], createdBy: null },
    });
    const row = await h.db.prisma.apiKey.findUniqueOrThrow({
      where: { id: rawId(result.data?.createApiKey.apiKey.id) },
    });
    expect(row.createdByKeyId).toBe(key.id);
  });

  it("lets a key with all data scopes and keys:write create a key with all data scopes", async () => {
    const org = await h.newOrganization();
    const { client } = await org.keyClient({ managementScopes: ["keys:write"] });
    const result = await client.gql(createMutation, { input: { organizationId: gid("Organization", org.org.id) } });
    expect(result.data?.createApiKey).toMatchObject({
      __typename: "CreateApiKeyPayload",
      apiKey: { allScopes: true, scopes: [], managementScopes: [] },
    });
  });

  it("makes a data key by default: all data scopes, no management scope, and it cannot manage Tessera", async () => {
    const org = await h.newOrganization();
    const { apiKey, secret } = await createKey(org);
    expect(apiKey).toMatchObject({ role: "VIEWER", allScopes: true, scopes: [], managementScopes: [] });
    const asKey = h.client({ authorization: `Bearer ${secret}` });
    const attempt = await asKey.gql(createMutation, { input: { organizationId: gid("Organization", org.org.id) } });
    expect(attempt.data?.createApiKey.__typename).toBe("ForbiddenError");
  });

  it("makes a management-only key: no data scope, management scopes by name", async () => {
    const org = await h.newOrganization();
    const { apiKey, secret } = await createKey(org, {
      role: "EDITOR",
      scopes: [],
      managementScopes: ["accounts:write", "keys:read"],
    });
    expect(apiKey).toMatchObject({ allScopes: false, scopes: [], managementScopes: ["accounts:write", "keys:read"] });
    const asKey = h.client({ authorization: `Bearer ${secret}` });
    const created = await asKey.gql(
      `mutation($input: CreateCustomerAccountInput!) { createCustomerAccount(input: $input) { __typename } }`,
      { input: { organizationId: gid("Organization", org.org.id), name: "Made by a key" } },
    );
    expect(created.data?.createCustomerAccount.__typename).toBe("CreateCustomerAccountPayload");
  });
});
