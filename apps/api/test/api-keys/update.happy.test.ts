import { describe, expect, it } from "vitest";
import { useHarness } from "../support/harness.ts";
import { createKey, gid, keyGid, updateMutation } from "./support.ts";

const h = useHarness();

describe("updateApiKey", () => {
  it("edits name, description, API version and every restriction, and audits what changed", async () => {
    const org = await h.newOrganization();
    const prisma = h.db.prisma;
    await prisma.apiVersion.create({ data: { organizationId: org.org.id, name: "v3" } });
    const vehicle = await prisma.resource.create({
      data: { organizationId: org.org.id, kind: "VEHICLE", name: "Van" },
    });
    const account = await prisma.customerAccount.create({
      data: { organizationId: org.org.id, name: "Beta", token: `acct_${org.org.id}` },
    });
    const { id, apiKey: created } = await createKey(org, { name: "Before", description: "old", apiVersion: "v2" });

    const result = await org.as.ADMIN.gql(updateMutation, {
      input: {
        id: keyGid(id),
        name: "After",
        description: null,
        apiVersion: "v3",
        scopes: ["routes:write"],
        resourceIds: [gid("Resource", vehicle.id)],
        customerAccountIds: [gid("CustomerAccount", account.id)],
        origins: ["*.fleet.example"],
        userAgent: "Sync/1",
      },
    });
    expect(result.data?.updateApiKey).toMatchObject({
      __typename: "UpdateApiKeyPayload",
      apiKey: {
        name: "After",
        description: null,
        apiVersion: "v3",
        allScopes: false,
        scopes: ["routes:write"],
        allResources: false,
        resources: [{ name: "Van" }],
        allCustomerAccounts: false,
        customerAccounts: [{ name: "Beta" }],
        origins: ["*.fleet.example"],
        userAgent: "Sync/1",
        hint: created.hint,
        role: created.role,
        expiresAt: created.expiresAt,
      },
    });
    const event = await prisma.auditEvent.findFirstOrThrow({ where: { targetId: id, action: "api_key.updated" } });
    expect(event.actorUserId).toBe(org.users.ADMIN.id);
    expect(event.changes).toMatchObject({
      name: { from: "Before", to: "After" },
      description: { from: "old", to: null },
      apiVersion: { from: "v2", to: "v3" },
      scopes: { from: "all", to: ["routes:write"] },
    });
  });

  it("leaves fields that are not given as they are, and null restrictions mean 'all' again", async () => {
    const org = await h.newOrganization();
    const { id } = await createKey(org, { description: "keep me", scopes: ["vehicles:read"], origins: ["a.com"] });
    const result = await org.as.OWNER.gql(updateMutation, { input: { id: keyGid(id), scopes: null } });
    expect(result.data?.updateApiKey.apiKey).toMatchObject({
      description: "keep me",
      allScopes: true,
      scopes: [],
      origins: ["a.com"],
    });
    expect(await h.db.prisma.apiKeyScope.count({ where: { apiKeyId: id } })).toBe(0);
  });

  it("a key with keys:write may narrow another key within its own scopes", async () => {
    const org = await h.newOrganization();
    const { id } = await createKey(org);
    const { client } = await org.keyClient({ scopes: ["keys:write", "vehicles:read"] });
    const result = await client.gql(updateMutation, { input: { id: keyGid(id), scopes: ["vehicles:read"] } });
    expect(result.data?.updateApiKey.apiKey.scopes).toEqual(["vehicles:read"]);
  });
});
