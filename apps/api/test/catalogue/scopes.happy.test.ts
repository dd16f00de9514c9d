import { describe, expect, it } from "vitest";
import { createKey } from "../api-keys/support.ts";
import { useHarness } from "../support/harness.ts";
import { verifyOverGraphQL } from "../verification/support.ts";
import {
  addScope,
  catalogueQuery,
  createScopeMutation,
  gid,
  rawId,
  restoreScopeMutation,
  retireScopeMutation,
  run,
  updateScopeMutation,
} from "./documents.ts";

const h = useHarness();

describe("the scope catalogue", () => {
  it("an OWNER or ADMIN adds a data scope; all-scopes keys verify with it at once, and it is audited", async () => {
    const org = await h.newOrganization();
    const key = await createKey(org);
    // Warm the cache with the catalogue as it was.
    expect((await verifyOverGraphQL(h.app, { key: key.secret, scope: "fuel-cards:read" })).code).toBe(
      "INSUFFICIENT_SCOPE",
    );
    const created = await run(org.as.ADMIN, createScopeMutation, {
      organizationId: gid("Organization", org.org.id),
      name: "fuel-cards:read",
      description: "  Read fuel cards and their limits. ",
    });
    expect(created).toMatchObject({
      __typename: "CreateScopePayload",
      scope: {
        name: "fuel-cards:read",
        description: "Read fuel cards and their limits.",
        management: false,
        retiredAt: null,
        keyCount: 0,
      },
    });
    const answer = await verifyOverGraphQL(h.app, { key: key.secret, scope: "fuel-cards:read" });
    expect(answer.code).toBe("VALID");
    expect(answer.scopes).toEqual(["fuel-cards:read", "routes:write", "vehicles:read"]);
    const event = await h.db.prisma.auditEvent.findFirstOrThrow({
      where: { organizationId: org.org.id, action: "scope.created" },
    });
    expect(event).toMatchObject({
      actorUserId: org.users.ADMIN.id,
      targetType: "Scope",
      targetId: rawId(created.scope.id),
      targetLabel: "fuel-cards:read",
      changes: { name: "fuel-cards:read", description: "Read fuel cards and their limits." },
    });
  });

  it("describes a scope; an unchanged description records nothing", async () => {
    const org = await h.newOrganization();
    const scope = await addScope(org, "trips:read");
    const updated = await run(org.as.OWNER, updateScopeMutation, { id: scope.id, description: "Read trips." });
    expect(updated).toMatchObject({ __typename: "UpdateScopePayload", scope: { description: "Read trips." } });
    await run(org.as.OWNER, updateScopeMutation, { id: scope.id, description: "Read trips." });
    const events = await h.db.prisma.auditEvent.findMany({
      where: { organizationId: org.org.id, action: "scope.updated" },
    });
    expect(events.map((e) => e.changes)).toEqual([{ description: { from: "Allows trips:read.", to: "Read trips." } }]);
  });

  it("retiring a scope stops it verifying for every key at once, keeps it listed on the keys that hold it, and restoring brings it back", async () => {
    const org = await h.newOrganization();
    const scope = await addScope(org, "trips:read");
    const named = await createKey(org, { scopes: ["trips:read", "vehicles:read"] });
    const all = await createKey(org);
    for (const key of [named, all]) {
      expect((await verifyOverGraphQL(h.app, { key: key.secret, scope: "trips:read" })).code).toBe("VALID");
    }
    const { data } = await org.as.VIEWER.gql(catalogueQuery, { slug: org.org.slug });
    expect(data?.organization.scopes.find((s: { name: string }) => s.name === "trips:read").keyCount).toBe(1);

    const retired = await run(org.as.OWNER, retireScopeMutation, { id: scope.id });
    expect(retired.__typename).toBe("RetireScopePayload");
    expect(new Date(retired.scope.retiredAt).getTime()).toBeGreaterThan(Date.now() - 60_000);
    for (const key of [named, all]) {
      const answer = await verifyOverGraphQL(h.app, { key: key.secret, scope: "trips:read" });
      expect(answer.code).toBe("INSUFFICIENT_SCOPE");
      expect((await verifyOverGraphQL(h.app, { key: key.secret })).scopes).not.toContain("trips:read");
    }
    // Still listed on the key that holds it (the console shows it as retired).
    const { data: key } = await org.as.OWNER.gql(`{ node(id: "${named.apiKey.id}") { ... on ApiKey { scopes } } }`);
    expect(key?.node.scopes).toEqual(["trips:read", "vehicles:read"]);

    const restored = await run(org.as.ADMIN, restoreScopeMutation, { id: scope.id });
    expect(restored).toMatchObject({ __typename: "RestoreScopePayload", scope: { retiredAt: null } });
    for (const key of [named, all]) {
      expect((await verifyOverGraphQL(h.app, { key: key.secret, scope: "trips:read" })).code).toBe("VALID");
    }
    const actions = await h.db.prisma.auditEvent.findMany({
      where: { organizationId: org.org.id, action: { in: ["scope.retired", "scope.restored"] } },
      orderBy: { createdAt: "asc" },
    });
    expect(actions.map((e) => [e.action, e.changes])).toEqual([
      ["scope.retired", { keysHoldingIt: 1 }],
      ["scope.restored", { keysHoldingIt: 1 }],
    ]);
  });

  it("a key holding a retired scope can still be edited with it listed", async () => {
    const org = await h.newOrganization();
    const scope = await addScope(org, "trips:read");
    const holder = await createKey(org, { scopes: ["trips:read"] });
    await run(org.as.OWNER, retireScopeMutation, { id: scope.id });
    const edit = await org.as.OWNER.gql(
      `mutation($input: UpdateApiKeyInput!) { updateApiKey(input: $input) { __typename ... on UpdateApiKeyPayload { apiKey { scopes } } } }`,
      { input: { id: holder.apiKey.id, scopes: ["trips:read", "vehicles:read"], description: "kept" } },
    );
    expect(edit.data?.updateApiKey).toEqual({
      __typename: "UpdateApiKeyPayload",
      apiKey: { scopes: ["trips:read", "vehicles:read"] },
    });
  });
});
