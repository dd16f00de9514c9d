import { describe, expect, it } from "vitest";
import { useHarness } from "../support/harness.ts";
import { createResourceAs, createResourceDocument, globalId, listResources, resourceSnapshot } from "./documents.ts";

const h = useHarness();

describe("resources: who may create what", () => {
  it("a VIEWER is Forbidden, anonymous is told to authenticate, a revoked key is refused; nothing changes", async () => {
    const { org, as, keyClient } = await h.newOrganization();
    const input = { organizationId: globalId("Organization", org.id), kind: "VEHICLE", name: "Nope" };
    const before = await resourceSnapshot(h.db.prisma, org.id);

    const viewer = await as.VIEWER.gql(createResourceDocument, { input });
    expect(viewer.data?.createResource).toMatchObject({ __typename: "ForbiddenError", code: "FORBIDDEN" });
    const anonymous = await h.anonymous.gql(createResourceDocument, { input });
    expect(anonymous.data?.createResource).toMatchObject({ __typename: "UnauthenticatedError" });
    const revoked = await (await keyClient({ revoked: true, scopes: ["resources:write"] })).client.gql(
      createResourceDocument,
      { input },
    );
    expect(revoked.status).toBe(401);

    expect(await resourceSnapshot(h.db.prisma, org.id)).toEqual(before);
  });

  it("a key without resources:write is Forbidden, naming the missing scope", async () => {
    const { org, keyClient } = await h.newOrganization();
    const { client } = await keyClient({ scopes: ["resources:read", "accounts:write", "keys:write"] });
    const result = await client.gql(createResourceDocument, {
      input: { organizationId: globalId("Organization", org.id), kind: "VEHICLE", name: "Nope" },
    });
    expect(result.data?.createResource).toEqual({
      __typename: "ForbiddenError",
      code: "FORBIDDEN",
      message: "This API key lacks the resources:write scope.",
    });
    expect(await h.db.prisma.resource.count({ where: { organizationId: org.id } })).toBe(0);
  });

  it("a parent group of another organization is NotFound and nothing is created anywhere", async () => {
    const victim = await h.newOrganization();
    const attacker = await h.newOrganization();
    const foreignGroup = await createResourceAs(victim.as.ADMIN, victim.org.id, {
      kind: "VEHICLE_GROUP",
      name: "Theirs",
    });
    const beforeVictim = await resourceSnapshot(h.db.prisma, victim.org.id);
    const beforeAttacker = await resourceSnapshot(h.db.prisma, attacker.org.id);

    const attackerKey = (await attacker.keyClient({ managementScopes: "all" })).client;
    for (const client of [attacker.as.OWNER, attackerKey]) {
      const result = await client.gql(createResourceDocument, {
        input: {
          organizationId: globalId("Organization", attacker.org.id),
          kind: "VEHICLE",
          name: "Smuggled",
          parentId: foreignGroup.id,
        },
      });
      expect(result.data?.createResource).toEqual({
        __typename: "NotFoundError",
        code: "NOT_FOUND",
        message: "Parent resource not found.",
      });
    }
    expect(await resourceSnapshot(h.db.prisma, victim.org.id)).toEqual(beforeVictim);
    expect(await resourceSnapshot(h.db.prisma, attacker.org.id)).toEqual(beforeAttacker);
  });

  it("creating in another organization reads like an unknown organization, for members and keys", async () => {
    const victim = await h.newOrganization();
    const attacker = await h.newOrganization();
    const attackerKey = (await attacker.keyClient({ managementScopes: "all" })).client;
    for (const client of [attacker.as.OWNER, attackerKey]) {
      for (const organizationId of [
        globalId("Organization", victim.org.id),
        globalId("Organization", "7d0f6c5e-0000-4000-8000-000000000000"),
      ]) {
        const result = await client.gql(createResourceDocument, {
          input: { organizationId, kind: "PROJECT", name: "Intrusion" },
        });
        expect(result.data?.createResource).toEqual({
          __typename: "NotFoundError",
          code: "NOT_FOUND",
          message: "Organization not found.",
        });
      }
    }
    expect(await h.db.prisma.resource.count({ where: { organizationId: victim.org.id } })).toBe(0);
  });

  it("another organization's resources cannot be listed or fetched by id", async () => {
    const victim = await h.newOrganization();
    const attacker = await h.newOrganization();
    const group = await createResourceAs(victim.as.ADMIN, victim.org.id, { kind: "VEHICLE_GROUP", name: "Theirs" });
    const attackerKey = (await attacker.keyClient({ managementScopes: "all" })).client;
    for (const client of [attacker.as.OWNER, attackerKey]) {
      expect((await client.gql(listResources, { slug: victim.org.slug })).data?.organization).toBeNull();
      expect((await client.gql("query($id: ID!) { node(id: $id) { id } }", { id: group.id })).data?.node).toBeNull();
    }
  });

  it("a key with only resources:read lists resources but sees no owning keys; without it, no list", async () => {
    const { org, keyClient } = await h.newOrganization();
    const writer = await keyClient({ scopes: ["resources:write", "resources:read", "keys:read"] });
    await createResourceAs(writer.client, org.id, { kind: "PROJECT", name: "Key-owned" });
    const ownersQuery = `query($slug: String!) { organization(slug: $slug) { resources { nodes { name ownerKeys { name } } } } }`;

    const keyReader = await writer.client.gql(ownersQuery, { slug: org.slug });
    expect(keyReader.data?.organization.resources.nodes).toEqual([
      { name: "Key-owned", ownerKeys: [{ name: writer.key.name }] },
    ]);
    const resourceReader = await (await keyClient({ scopes: ["resources:read"] })).client.gql(ownersQuery, {
      slug: org.slug,
    });
    expect(resourceReader.data?.organization.resources.nodes).toEqual([{ name: "Key-owned", ownerKeys: [] }]);

    const blind = await (await keyClient({ scopes: ["keys:read"] })).client.gql(listResources, { slug: org.slug });
    expect(blind.errors?.[0]?.message).toBe("This API key lacks the resources:read scope.");
    expect(blind.data?.organization ?? null).toBeNull();
  });
});
