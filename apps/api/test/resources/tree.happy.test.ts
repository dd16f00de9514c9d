import { describe, expect, it } from "vitest";
import { useHarness } from "../support/harness.ts";
import { verifyOverGraphQL } from "../verification/support.ts";
import {
  childrenQuery,
  createResourceAs,
  deleteResourceDocument,
  deletionImpactQuery,
  globalId,
  grantAccessDocument,
  listResources,
  moveResourceDocument,
  rawId,
  resourceMutation,
  restrictKey,
  revokeAccessDocument,
  transferOwnershipDocument,
  updateResourceDocument,
} from "./documents.ts";

const h = useHarness();

const auditOf = (organizationId: string, action: string) =>
  h.db.prisma.auditEvent.findMany({ where: { organizationId, action }, orderBy: { createdAt: "asc" } });

describe("the resource tree: rename, move, delete", () => {
  it("an ADMIN renames any resource, and an EDITOR the one it owns; each rename is audited", async () => {
    const { org, as, users } = await h.newOrganization();
    const truck = await createResourceAs(as.EDITOR, org.id, { kind: "VEHICLE", name: "Truck" });
    const byAdmin = await resourceMutation(as.ADMIN, updateResourceDocument, { id: truck.id, name: " Truck 7 " });
    expect(byAdmin).toMatchObject({ __typename: "UpdateResourcePayload", resource: { id: truck.id, name: "Truck 7" } });
    const byEditor = await resourceMutation(as.EDITOR, updateResourceDocument, { id: truck.id, name: "Truck 8" });
    expect(byEditor.resource.name).toBe("Truck 8");
    const events = await auditOf(org.id, "resource.updated");
    expect(events.map((e) => [e.actorUserId, e.targetId, e.changes])).toEqual([
      [users.ADMIN.id, rawId(truck.id), { name: { from: "Truck", to: "Truck 7" } }],
      [users.EDITOR.id, rawId(truck.id), { name: { from: "Truck 7", to: "Truck 8" } }],
    ]);
  });

  it("moves a vehicle between groups and to the top level; children, childCount and topLevel follow", async () => {
    const { org, as } = await h.newOrganization();
    const north = await createResourceAs(as.ADMIN, org.id, { kind: "VEHICLE_GROUP", name: "North" });
    const south = await createResourceAs(as.ADMIN, org.id, { kind: "VEHICLE_GROUP", name: "South" });
    const van = await createResourceAs(as.ADMIN, org.id, { kind: "VEHICLE", name: "Van", parentId: north.id });
    await createResourceAs(as.ADMIN, org.id, { kind: "VEHICLE", name: "Bus", parentId: north.id });

    const moved = await resourceMutation(as.ADMIN, moveResourceDocument, { id: van.id, parentId: south.id });
    expect(moved.resource.parent).toEqual({ id: south.id, name: "South" });
    const northKids = (await as.VIEWER.gql(childrenQuery, { id: north.id })).data?.node;
    expect(northKids).toMatchObject({ childCount: 1, children: { totalCount: 1, nodes: [{ name: "Bus" }] } });

    // A group moves into another group, with what it contains.
    await resourceMutation(as.ADMIN, moveResourceDocument, { id: south.id, parentId: north.id });
    const page = (await as.VIEWER.gql(childrenQuery, { id: north.id, first: 1 })).data?.node.children;
    expect(page).toMatchObject({ totalCount: 2, nodes: [{ name: "Bus" }], pageInfo: { hasNextPage: true } });
    const next = (await as.VIEWER.gql(childrenQuery, { id: north.id, first: 1, after: page.pageInfo.endCursor })).data
      ?.node.children;
    expect(next.nodes).toEqual([{ name: "South" }]);

    const top = await resourceMutation(as.ADMIN, moveResourceDocument, { id: van.id, parentId: null });
    expect(top.resource.parent).toBeNull();
    const roots = await as.VIEWER.gql(listResources, { slug: org.slug, filter: { topLevel: true } });
    expect(roots.data?.organization.resources.nodes.map((n: { name: string }) => n.name).sort()).toEqual([
      "North",
      "Van",
    ]);

    const events = await auditOf(org.id, "resource.moved");
    expect(events.map((e) => e.changes)).toEqual([
      { parentId: { from: rawId(north.id), to: rawId(south.id) } },
      { parentId: { from: null, to: rawId(north.id) } },
      { parentId: { from: rawId(south.id), to: null } },
    ]);
  });

  it("a key with resources:write moves what it owns into a group it owns", async () => {
    const { org, keyClient } = await h.newOrganization();
    const { client } = await keyClient({ scopes: ["resources:write"] });
    const group = await createResourceAs(client, org.id, { kind: "VEHICLE_GROUP", name: "Key's group" });
    const vehicle = await createResourceAs(client, org.id, { kind: "VEHICLE", name: "Key's vehicle" });
    const moved = await resourceMutation(client, moveResourceDocument, { id: vehicle.id, parentId: group.id });
    expect(moved.resource.parent?.id).toBe(group.id);
  });

  it("deleting a group recursively takes what it contains; keys restricted to it lose those entries", async () => {
    const { org, as, keyClient } = await h.newOrganization();
    const depot = await createResourceAs(as.ADMIN, org.id, { kind: "VEHICLE_GROUP", name: "Depot" });
    const bay = await createResourceAs(as.ADMIN, org.id, { kind: "VEHICLE_GROUP", name: "Bay", parentId: depot.id });
    const truck = await createResourceAs(as.ADMIN, org.id, { kind: "VEHICLE", name: "Truck", parentId: bay.id });
    const kept = await createResourceAs(as.ADMIN, org.id, { kind: "VEHICLE", name: "Kept" });
    const only = await keyClient({ scopes: ["vehicles:read"] });
    const mixed = await keyClient({ scopes: ["vehicles:read"] });
    await restrictKey(h.db.prisma, only.key.id, [rawId(depot.id)]);
    await restrictKey(h.db.prisma, mixed.key.id, [rawId(truck.id), rawId(kept.id)]);
    expect((await verifyOverGraphQL(h.app, { key: only.secret, resourceId: truck.id })).code).toBe("VALID");

    const preview = (await as.ADMIN.gql(deletionImpactQuery, { id: depot.id })).data?.node.deletionImpact;
    expect(preview.resourceCount).toBe(3);
    expect(preview.restrictionsLost).toHaveLength(2);

    const deleted = await resourceMutation(as.ADMIN, deleteResourceDocument, { id: depot.id, recursive: true });
    expect(deleted).toMatchObject({ __typename: "DeleteResourcePayload", deletedResourceId: depot.id });
    expect(deleted.deletedResourceIds).toEqual([depot.id, bay.id, truck.id]);
    const byKey = Object.fromEntries(deleted.restrictionsLost.map((l: { keyName: string }) => [l.keyName, l]));
    expect(byKey[only.key.name]).toEqual({
      apiKey: { id: globalId("ApiKey", only.key.id) },
      keyName: only.key.name,
      lostResourceCount: 1,
      leftWithNoResources: true,
    });
    expect(byKey[mixed.key.name]).toMatchObject({ lostResourceCount: 1, leftWithNoResources: false });
    expect(await h.db.prisma.resource.count({ where: { organizationId: org.id } })).toBe(1);

    // The key restricted only to deleted resources stays restricted, to nothing: it never widens to all.
    const onlyKey = await h.db.prisma.apiKey.findUniqueOrThrow({
      where: { id: only.key.id },
      include: { resources: true },
    });
    expect(onlyKey).toMatchObject({ allResources: false, resources: [] });
    expect((await verifyOverGraphQL(h.app, { key: only.secret, resourceId: kept.id })).code).toBe("RESOURCE_FORBIDDEN");
    expect((await verifyOverGraphQL(h.app, { key: mixed.secret, resourceId: kept.id })).code).toBe("VALID");

    const [event] = await auditOf(org.id, "resource.deleted");
    expect(event?.changes).toMatchObject({
      recursive: true,
      deletedResourceIds: [rawId(depot.id), rawId(bay.id), rawId(truck.id)],
      restrictionsLost: expect.arrayContaining([
        { apiKeyId: only.key.id, name: only.key.name, resourceIds: [rawId(depot.id)], leftWithNoResources: true },
      ]),
    });
  });

  it("a resource that contains nothing is deleted without recursive", async () => {
    const { org, as } = await h.newOrganization();
    const empty = await createResourceAs(as.EDITOR, org.id, { kind: "VEHICLE_GROUP", name: "Empty" });
    const deleted = await resourceMutation(as.EDITOR, deleteResourceDocument, { id: empty.id });
    expect(deleted).toMatchObject({ deletedResourceIds: [empty.id], restrictionsLost: [] });
  });
});

describe("ownership and access", () => {
  it("transfers a resource to an EDITOR or to a key, replacing every owner; audited", async () => {
    const { org, as, users, keyClient } = await h.newOrganization();
    const truck = await createResourceAs(as.ADMIN, org.id, { kind: "VEHICLE", name: "Truck" });
    const toEditor = await resourceMutation(as.ADMIN, transferOwnershipDocument, {
      id: truck.id,
      toUserId: globalId("User", users.EDITOR.id),
    });
    expect(toEditor.resource).toMatchObject({ ownerUsers: [{ email: users.EDITOR.email }], ownerKeys: [] });

    // The new owner hands it on, to a key.
    const { key } = await keyClient({ scopes: ["resources:write"] });
    const toKey = await resourceMutation(as.EDITOR, transferOwnershipDocument, {
      id: truck.id,
      toKeyId: globalId("ApiKey", key.id),
    });
    expect(toKey.resource).toMatchObject({ ownerUsers: [], ownerKeys: [{ name: key.name }] });
    const events = await auditOf(org.id, "resource.ownership_transferred");
    expect(events.map((e) => e.changes)).toEqual([
      {
        from: [{ userId: users.ADMIN.id, label: users.ADMIN.email }],
        to: { userId: users.EDITOR.id, label: users.EDITOR.email },
      },
      {
        from: [{ userId: users.EDITOR.id, label: users.EDITOR.email }],
        to: { apiKeyId: key.id, label: `key ${key.name}` },
      },
    ]);
  });

  it("grants READ and WRITE, lists them, lets a WRITE grantee rename, and revokes; granting twice changes nothing", async () => {
    const { org, as, users, keyClient } = await h.newOrganization();
    const group = await createResourceAs(as.ADMIN, org.id, { kind: "VEHICLE_GROUP", name: "Fleet" });
    const van = await createResourceAs(as.ADMIN, org.id, { kind: "VEHICLE", name: "Van", parentId: group.id });
    const { key, client } = await keyClient({ scopes: ["resources:write"] });
    // Only an EDITOR key can ever use WRITE (see the error tests for a VIEWER key).
    await h.db.prisma.apiKey.update({ where: { id: key.id }, data: { role: "EDITOR" } });
    const editor = { userId: globalId("User", users.EDITOR.id) };

    const granted = await resourceMutation(as.ADMIN, grantAccessDocument, {
      resourceId: group.id,
      principal: editor,
      permission: "WRITE",
    });
    expect(granted.accessEntry).toMatchObject({ permission: "WRITE", user: { id: editor.userId }, apiKey: null });
    const again = await resourceMutation(as.ADMIN, grantAccessDocument, {
      resourceId: group.id,
      principal: editor,
      permission: "WRITE",
    });
    expect(again.accessEntry.id).toBe(granted.accessEntry.id);
    const toKey = await resourceMutation(as.ADMIN, grantAccessDocument, {
      resourceId: group.id,
      principal: { keyId: globalId("ApiKey", key.id) },
      permission: "WRITE",
    });
    expect(toKey.__typename).toBe("GrantResourceAccessPayload");

    // WRITE on the group reaches the van inside it, for the member and for the key.
    expect(
      (await resourceMutation(as.EDITOR, updateResourceDocument, { id: van.id, name: "Van 2" })).resource.name,
    ).toBe("Van 2");
    expect((await resourceMutation(client, updateResourceDocument, { id: van.id, name: "Van 3" })).resource.name).toBe(
      "Van 3",
    );

    const revoked = await resourceMutation(as.ADMIN, revokeAccessDocument, {
      resourceId: group.id,
      principal: editor,
      permission: "WRITE",
    });
    expect(revoked.resource.accessEntries).toEqual([
      { permission: "WRITE", user: null, apiKey: { id: globalId("ApiKey", key.id) } },
    ]);
    expect((await resourceMutation(as.EDITOR, updateResourceDocument, { id: van.id, name: "Van 4" })).__typename).toBe(
      "ForbiddenError",
    );
    const actions = (
      await h.db.prisma.auditEvent.findMany({
        where: { organizationId: org.id, action: { startsWith: "resource.access" } },
        orderBy: { createdAt: "asc" },
      })
    ).map((e) => e.action);
    expect(actions).toEqual(["resource.access_granted", "resource.access_granted", "resource.access_revoked"]);
  });
});
