import { describe, expect, it } from "vitest";
import { useHarness } from "../support/harness.ts";
import {
  createResourceAs,
  deleteResourceDocument,
  globalId,
  grantAccessDocument,
  moveResourceDocument,
  rawId,
  resourceMutation,
  resourceSnapshot,
  revokeAccessDocument,
  transferOwnershipDocument,
  updateResourceDocument,
} from "./documents.ts";

const h = useHarness();

describe("resource changes: expected errors change nothing", () => {
  it("a group cannot move into itself or into a group it contains; nothing can move into a non-group", async () => {
    const { org, as } = await h.newOrganization();
    const region = await createResourceAs(as.ADMIN, org.id, { kind: "VEHICLE_GROUP", name: "Region" });
    const depot = await createResourceAs(as.ADMIN, org.id, {
      kind: "VEHICLE_GROUP",
      name: "Depot",
      parentId: region.id,
    });
    const truck = await createResourceAs(as.ADMIN, org.id, { kind: "VEHICLE", name: "Truck" });
    const project = await createResourceAs(as.ADMIN, org.id, { kind: "PROJECT", name: "Project" });
    const before = await resourceSnapshot(h.db.prisma, org.id);

    for (const parentId of [region.id, depot.id]) {
      expect(await resourceMutation(as.ADMIN, moveResourceDocument, { id: region.id, parentId })).toEqual({
        __typename: "ValidationError",
        code: "VALIDATION",
        field: "parentId",
        message: "A group cannot contain itself, directly or through other groups.",
      });
    }
    for (const parentId of [truck.id, project.id]) {
      expect(await resourceMutation(as.ADMIN, moveResourceDocument, { id: depot.id, parentId })).toMatchObject({
        __typename: "ValidationError",
        field: "parentId",
        message: expect.stringMatching(/^Only a VEHICLE_GROUP can contain resources/),
      });
    }
    expect(await resourceSnapshot(h.db.prisma, org.id)).toEqual(before);
  });

  it("a group with children is refused without recursive, saying how many it contains", async () => {
    const { org, as } = await h.newOrganization();
    const depot = await createResourceAs(as.ADMIN, org.id, { kind: "VEHICLE_GROUP", name: "Depot" });
    await createResourceAs(as.ADMIN, org.id, { kind: "VEHICLE", name: "A", parentId: depot.id });
    await createResourceAs(as.ADMIN, org.id, { kind: "VEHICLE", name: "B", parentId: depot.id });
    const before = await resourceSnapshot(h.db.prisma, org.id);
    for (const recursive of [undefined, false]) {
      expect(await resourceMutation(as.ADMIN, deleteResourceDocument, { id: depot.id, recursive })).toEqual({
        __typename: "ConflictError",
        code: "CONFLICT",
        message: '"Depot" contains 2 resources; move them out first, or delete with recursive to delete them too.',
      });
    }
    expect(await resourceSnapshot(h.db.prisma, org.id)).toEqual(before);
  });

  it("unknown, malformed and wrong-type ids are NotFound for every change", async () => {
    const { org, as } = await h.newOrganization();
    const group = await createResourceAs(as.ADMIN, org.id, { kind: "VEHICLE_GROUP", name: "G" });
    const bad = [globalId("Resource", "7d0f6c5e-0000-4000-8000-000000000000"), globalId("Organization", org.id), "x"];
    for (const id of bad) {
      const notFound = { __typename: "NotFoundError", code: "NOT_FOUND", message: "Resource not found." };
      expect(await resourceMutation(as.ADMIN, updateResourceDocument, { id, name: "n" })).toEqual(notFound);
      expect(await resourceMutation(as.ADMIN, moveResourceDocument, { id, parentId: null })).toEqual(notFound);
      expect(await resourceMutation(as.ADMIN, deleteResourceDocument, { id })).toEqual(notFound);
      expect(
        await resourceMutation(as.ADMIN, transferOwnershipDocument, { id, toUserId: globalId("User", org.id) }),
      ).toEqual(notFound);
      const access = { resourceId: id, principal: { userId: globalId("User", org.id) }, permission: "READ" };
      expect(await resourceMutation(as.ADMIN, grantAccessDocument, access)).toEqual(notFound);
      expect(await resourceMutation(as.ADMIN, revokeAccessDocument, access)).toEqual(notFound);
      expect(await resourceMutation(as.ADMIN, moveResourceDocument, { id: group.id, parentId: id })).toEqual({
        ...notFound,
        message: "Parent resource not found.",
      });
    }
  });

  it("blank and over-long names are a ValidationError on name", async () => {
    const { org, as } = await h.newOrganization();
    const truck = await createResourceAs(as.ADMIN, org.id, { kind: "VEHICLE", name: "Truck" });
    for (const name of [" ", "y".repeat(101)]) {
      expect(await resourceMutation(as.ADMIN, updateResourceDocument, { id: truck.id, name })).toMatchObject({
        __typename: "ValidationError",
        field: "name",
      });
    }
  });

  it("ownership goes only to an EDITOR+ member or an active key of the organization, named exactly once", async () => {
    const { org, as, users, keyClient } = await h.newOrganization();
    const other = await h.newOrganization();
    const truck = await createResourceAs(as.ADMIN, org.id, { kind: "VEHICLE", name: "Truck" });
    const revoked = await keyClient({ revoked: true });
    const cases: [Record<string, unknown>, string, string][] = [
      [
        { toUserId: globalId("User", users.VIEWER.id) },
        "toUserId",
        "The new owner must be a member with role EDITOR or higher.",
      ],
      [
        { toUserId: globalId("User", other.users.OWNER.id) },
        "toUserId",
        "That user is not a member of this organization.",
      ],
      [{ toKeyId: globalId("ApiKey", revoked.key.id) }, "toKeyId", "That API key is revoked; it can hold nothing."],
      [
        { toKeyId: globalId("ApiKey", (await other.keyClient()).key.id) },
        "toKeyId",
        "That API key does not belong to this organization.",
      ],
      [{}, "toKeyId", "Name exactly one of a member or a key."],
      [
        { toUserId: globalId("User", users.EDITOR.id), toKeyId: globalId("ApiKey", revoked.key.id) },
        "toUserId",
        "Name exactly one of a member or a key.",
      ],
    ];
    const before = await resourceSnapshot(h.db.prisma, org.id);
    for (const [to, field, message] of cases) {
      expect(await resourceMutation(as.ADMIN, transferOwnershipDocument, { id: truck.id, ...to })).toEqual({
        __typename: "ValidationError",
        code: "VALIDATION",
        field,
        message,
      });
    }
    expect(await resourceSnapshot(h.db.prisma, org.id)).toEqual(before);
  });

  it("WRITE cannot go to a VIEWER; revoking what was never granted is NotFound", async () => {
    const { org, as, users, keyClient } = await h.newOrganization();
    const truck = await createResourceAs(as.ADMIN, org.id, { kind: "VEHICLE", name: "Truck" });
    const viewerKey = await keyClient();
    await h.db.prisma.apiKey.update({ where: { id: viewerKey.key.id }, data: { role: "VIEWER" } });
    for (const principal of [
      { userId: globalId("User", users.VIEWER.id) },
      { keyId: globalId("ApiKey", viewerKey.key.id) },
    ]) {
      expect(
        await resourceMutation(as.ADMIN, grantAccessDocument, { resourceId: truck.id, principal, permission: "WRITE" }),
      ).toMatchObject({ __typename: "ValidationError", field: "permission", message: expect.stringMatching(/VIEWER/) });
    }
    expect(
      await resourceMutation(as.ADMIN, revokeAccessDocument, {
        resourceId: truck.id,
        principal: { userId: globalId("User", users.EDITOR.id) },
        permission: "READ",
      }),
    ).toEqual({ __typename: "NotFoundError", code: "NOT_FOUND", message: "No such access entry on this resource." });
    expect(await h.db.prisma.accessControlEntry.count({ where: { resourceId: rawId(truck.id) } })).toBe(0);
  });

  it("two moves at once (A into B, B into A) never make a cycle: one of them is refused", async () => {
    const { org, as } = await h.newOrganization();
    for (let round = 0; round < 5; round++) {
      const a = await createResourceAs(as.ADMIN, org.id, { kind: "VEHICLE_GROUP", name: `A${round}` });
      const b = await createResourceAs(as.ADMIN, org.id, { kind: "VEHICLE_GROUP", name: `B${round}` });
      const results = await Promise.all([
        resourceMutation(as.ADMIN, moveResourceDocument, { id: a.id, parentId: b.id }),
        resourceMutation(as.ADMIN, moveResourceDocument, { id: b.id, parentId: a.id }),
      ]);
      expect(results.map((r) => r.__typename).sort()).toEqual(["MoveResourcePayload", "ValidationError"]);
      const rows = await h.db.prisma.resource.findMany({ where: { id: { in: [rawId(a.id), rawId(b.id)] } } });
      expect(rows.filter((r) => r.parentId !== null)).toHaveLength(1);
    }
  });
});
