import { describe, expect, it } from "vitest";
import { useHarness } from "../support/harness.ts";
import {
  createResourceAs,
  deleteResourceDocument,
  globalId,
  grantAccessDocument,
  moveResourceDocument,
  resourceMutation,
  resourceSnapshot,
  revokeAccessDocument,
  transferOwnershipDocument,
  updateResourceDocument,
} from "./documents.ts";

const h = useHarness();

/** Every resource change, each applied to `id` (a Resource global id); `other` is a second resource. */
function everyChange(id: string, other: { group: string; userId: string }) {
  const access = { resourceId: id, principal: { userId: other.userId }, permission: "READ" };
  return [
    [updateResourceDocument, { id, name: "Hijacked" }],
    [moveResourceDocument, { id, parentId: null }],
    [moveResourceDocument, { id, parentId: other.group }],
    [deleteResourceDocument, { id, recursive: true }],
    [transferOwnershipDocument, { id, toUserId: other.userId }],
    [grantAccessDocument, access],
    [revokeAccessDocument, access],
  ] as const;
}

describe("resource changes: who may change what", () => {
  it("another organization's resources read as not found, for its owner and for its keys; nothing changes", async () => {
    const victim = await h.newOrganization();
    const attacker = await h.newOrganization();
    const theirs = await createResourceAs(victim.as.ADMIN, victim.org.id, { kind: "VEHICLE_GROUP", name: "Theirs" });
    const attackerKey = (await attacker.keyClient({ scopes: ["resources:write"] })).client;
    // Owned by the key, so the owner and the key may both move it anywhere they may see.
    const mine = await createResourceAs(attackerKey, attacker.org.id, { kind: "VEHICLE_GROUP", name: "Mine" });
    const before = await resourceSnapshot(h.db.prisma, victim.org.id);
    for (const client of [attacker.as.OWNER, attackerKey]) {
      for (const [document, input] of everyChange(theirs.id, {
        group: mine.id,
        userId: globalId("User", attacker.users.EDITOR.id),
      })) {
        expect(await resourceMutation(client, document, input), JSON.stringify(input)).toMatchObject({
          __typename: "NotFoundError",
          message: "Resource not found.",
        });
      }
      // Moving one's own resource into their group: their group is unknown here.
      expect(await resourceMutation(client, moveResourceDocument, { id: mine.id, parentId: theirs.id })).toMatchObject({
        __typename: "NotFoundError",
        message: "Parent resource not found.",
      });
    }
    expect(await resourceSnapshot(h.db.prisma, victim.org.id)).toEqual(before);
  });

  it("members and keys of another organization cannot be made owners or be granted access", async () => {
    const { org, as } = await h.newOrganization();
    const other = await h.newOrganization();
    const truck = await createResourceAs(as.ADMIN, org.id, { kind: "VEHICLE", name: "Truck" });
    const foreignKey = globalId("ApiKey", (await other.keyClient()).key.id);
    const foreignUser = globalId("User", other.users.EDITOR.id);
    const before = await resourceSnapshot(h.db.prisma, org.id);
    expect(
      (await resourceMutation(as.ADMIN, transferOwnershipDocument, { id: truck.id, toKeyId: foreignKey })).__typename,
    ).toBe("ValidationError");
    for (const principal of [{ keyId: foreignKey }, { userId: foreignUser }]) {
      expect(
        await resourceMutation(as.ADMIN, grantAccessDocument, { resourceId: truck.id, principal, permission: "READ" }),
      ).toMatchObject({ __typename: "ValidationError", field: "principal" });
    }
    expect(await resourceSnapshot(h.db.prisma, org.id)).toEqual(before);
    expect(await h.db.prisma.accessControlEntry.count()).toBe(0);
  });

  it("a VIEWER, an EDITOR who neither owns nor may write, and anonymous callers are refused", async () => {
    const { org, as } = await h.newOrganization();
    const group = await createResourceAs(as.ADMIN, org.id, { kind: "VEHICLE_GROUP", name: "Admin's" });
    const truck = await createResourceAs(as.ADMIN, org.id, { kind: "VEHICLE", name: "Truck", parentId: group.id });
    const own = await createResourceAs(as.EDITOR, org.id, { kind: "VEHICLE_GROUP", name: "Editor's" });
    const before = await resourceSnapshot(h.db.prisma, org.id);
    for (const [document, input] of everyChange(truck.id, { group: own.id, userId: globalId("User", org.id) })) {
      expect(await resourceMutation(as.VIEWER, document, input)).toEqual({
        __typename: "ForbiddenError",
        code: "FORBIDDEN",
        message: "Your role (VIEWER) does not allow this; it needs the resources:write permission.",
      });
      expect((await resourceMutation(as.EDITOR, document, input)).__typename).toBe("ForbiddenError");
      expect((await resourceMutation(h.anonymous, document, input)).__typename).toBe("UnauthenticatedError");
    }
    expect(await resourceSnapshot(h.db.prisma, org.id)).toEqual(before);
    // Nor may an EDITOR push its own resource into a group it has no say over.
    const mine = await createResourceAs(as.EDITOR, org.id, { kind: "VEHICLE", name: "Mine" });
    expect(
      (await resourceMutation(as.EDITOR, moveResourceDocument, { id: mine.id, parentId: group.id })).__typename,
    ).toBe("ForbiddenError");
  });

  it("WRITE access lets a member rename and move, but only owners hand over or grant", async () => {
    const { org, as, users } = await h.newOrganization();
    const truck = await createResourceAs(as.ADMIN, org.id, { kind: "VEHICLE", name: "Truck" });
    await resourceMutation(as.ADMIN, grantAccessDocument, {
      resourceId: truck.id,
      principal: { userId: globalId("User", users.EDITOR.id) },
      permission: "WRITE",
    });
    expect((await resourceMutation(as.EDITOR, updateResourceDocument, { id: truck.id, name: "T" })).__typename).toBe(
      "UpdateResourcePayload",
    );
    expect(
      await resourceMutation(as.EDITOR, transferOwnershipDocument, {
        id: truck.id,
        toUserId: globalId("User", users.EDITOR.id),
      }),
    ).toEqual({
      __typename: "ForbiddenError",
      code: "FORBIDDEN",
      message: "Only the resource's owners (or an owner or admin of the organization) may do this.",
    });
  });

  it("keys: without resources:write refused naming the scope; with it, only within what they own or may write", async () => {
    const { org, as, keyClient } = await h.newOrganization();
    const adminsTruck = await createResourceAs(as.ADMIN, org.id, { kind: "VEHICLE", name: "Admin's truck" });
    const reader = (await keyClient({ scopes: ["resources:read", "keys:write"] })).client;
    expect(await resourceMutation(reader, updateResourceDocument, { id: adminsTruck.id, name: "x" })).toEqual({
      __typename: "ForbiddenError",
      code: "FORBIDDEN",
      message: "This API key lacks the resources:write scope.",
    });
    const writer = (await keyClient({ scopes: ["resources:write"] })).client;
    const keysOwn = await createResourceAs(writer, org.id, { kind: "VEHICLE_GROUP", name: "Key's group" });
    expect((await resourceMutation(writer, deleteResourceDocument, { id: adminsTruck.id })).__typename).toBe(
      "ForbiddenError",
    );
    expect(
      (await resourceMutation(writer, moveResourceDocument, { id: adminsTruck.id, parentId: keysOwn.id })).__typename,
    ).toBe("ForbiddenError");
    expect((await resourceMutation(writer, deleteResourceDocument, { id: keysOwn.id })).__typename).toBe(
      "DeleteResourcePayload",
    );
  });

  it("hostile names are stored as text, never interpreted", async () => {
    const { org, as } = await h.newOrganization();
    const truck = await createResourceAs(as.ADMIN, org.id, { kind: "VEHICLE", name: "Truck" });
    const name = `'); DELETE FROM "Resource"; --<script>`;
    expect((await resourceMutation(as.ADMIN, updateResourceDocument, { id: truck.id, name })).resource.name).toBe(name);
    expect(await h.db.prisma.resource.count({ where: { organizationId: org.id } })).toBe(1);
  });
});
