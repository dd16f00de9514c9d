import { describe, expect, it } from "vitest";
import { useHarness } from "../support/harness.ts";
import { createResourceAs, createResourceDocument, globalId, listResources, rawId } from "./documents.ts";

const h = useHarness();

describe("resources: the happy paths", () => {
  it("an EDITOR creates a group and a vehicle in it; the member owns both; each creation is audited", async () => {
    const { org, users, as } = await h.newOrganization();
    const group = await createResourceAs(as.EDITOR, org.id, { kind: "VEHICLE_GROUP", name: " North depot " });
    expect(group).toMatchObject({ kind: "VEHICLE_GROUP", name: "North depot", parent: null });

    const result = await as.EDITOR.gql(createResourceDocument, {
      input: { organizationId: globalId("Organization", org.id), kind: "VEHICLE", name: "Truck 7", parentId: group.id },
    });
    const vehicle = result.data?.createResource.resource;
    expect(vehicle).toMatchObject({
      kind: "VEHICLE",
      name: "Truck 7",
      parent: { id: group.id, name: "North depot" },
      ownerUsers: [{ id: globalId("User", users.EDITOR.id), email: users.EDITOR.email }],
      ownerKeys: [],
    });

    const events = await h.db.prisma.auditEvent.findMany({
      where: { organizationId: org.id, action: "resource.created" },
      orderBy: { createdAt: "asc" },
    });
    expect(events.map((e) => [e.targetId, e.actorUserId, e.changes])).toEqual([
      [rawId(group.id), users.EDITOR.id, { kind: "VEHICLE_GROUP", name: "North depot", parentId: null }],
      [rawId(vehicle.id), users.EDITOR.id, { kind: "VEHICLE", name: "Truck 7", parentId: rawId(group.id) }],
    ]);
  });

  it("a key with resources:write creates a resource and becomes its owner (ownerKeys, ApiKey.ownedResources)", async () => {
    const { org, keyClient } = await h.newOrganization();
    const { key, client } = await keyClient({ scopes: ["resources:write", "keys:read"] });
    const created = await client.gql(createResourceDocument, {
      input: { organizationId: globalId("Organization", org.id), kind: "DATA_SOURCE", name: "Telematics feed" },
    });
    expect(created.data?.createResource.resource).toMatchObject({
      ownerUsers: [],
      ownerKeys: [{ id: globalId("ApiKey", key.id), name: key.name }],
    });
    const owned = await client.gql("{ viewer { apiKey { ownedResources { name kind } } } }");
    expect(owned.data?.viewer.apiKey.ownedResources).toEqual([{ name: "Telematics feed", kind: "DATA_SOURCE" }]);
    const event = await h.db.prisma.auditEvent.findFirstOrThrow({
      where: { organizationId: org.id, action: "resource.created" },
    });
    expect(event).toMatchObject({ actorApiKeyId: key.id, actorUserId: null });
  });

  it("groups nest: a group can contain another group", async () => {
    const { org, as } = await h.newOrganization();
    const outer = await createResourceAs(as.ADMIN, org.id, { kind: "VEHICLE_GROUP", name: "Region" });
    const inner = await createResourceAs(as.ADMIN, org.id, {
      kind: "VEHICLE_GROUP",
      name: "Depot",
      parentId: outer.id,
    });
    expect(inner.parent?.id).toBe(outer.id);
  });

  it("lists resources newest first with totalCount, kind filter, name search and cursor pages", async () => {
    const { org, as } = await h.newOrganization();
    const group = await createResourceAs(as.OWNER, org.id, { kind: "VEHICLE_GROUP", name: "Fleet A" });
    await createResourceAs(as.OWNER, org.id, { kind: "VEHICLE", name: "Van 1", parentId: group.id });
    await createResourceAs(as.OWNER, org.id, { kind: "VEHICLE", name: "Van 2", parentId: group.id });
    await createResourceAs(as.OWNER, org.id, { kind: "PROJECT", name: "Route planning" });

    const all = (await as.VIEWER.gql(listResources, { slug: org.slug })).data?.organization.resources;
    expect(all.totalCount).toBe(4);
    expect(all.nodes.map((n: { name: string }) => n.name)).toEqual(["Route planning", "Van 2", "Van 1", "Fleet A"]);

    const vehicles = await as.VIEWER.gql(listResources, { slug: org.slug, filter: { kinds: ["VEHICLE"] } });
    expect(vehicles.data?.organization.resources).toMatchObject({ totalCount: 2 });
    const search = await as.VIEWER.gql(listResources, {
      slug: org.slug,
      filter: { search: "VAN", kinds: ["VEHICLE", "PROJECT"] },
    });
    expect(search.data?.organization.resources.nodes).toEqual([
      { name: "Van 2", kind: "VEHICLE" },
      { name: "Van 1", kind: "VEHICLE" },
    ]);

    const page1 = (await as.VIEWER.gql(listResources, { slug: org.slug, first: 3 })).data?.organization.resources;
    const page2 = (await as.VIEWER.gql(listResources, { slug: org.slug, first: 3, after: page1.pageInfo.endCursor }))
      .data?.organization.resources;
    expect(page1.pageInfo.hasNextPage).toBe(true);
    expect(page2.nodes).toEqual([{ name: "Fleet A", kind: "VEHICLE_GROUP" }]);
    expect(page2.pageInfo.hasNextPage).toBe(false);
  });
});
