import { describe, expect, it } from "vitest";
import { useHarness } from "../support/harness.ts";
import { keyWithResources, ownershipState } from "./delete-fixtures.ts";
import { deleteMutation, expectError, gid, keyGid } from "./support.ts";

const h = useHarness();

describe("deleteApiKey refuses a bad heir and changes nothing", () => {
  it.each(["VIEWER", "non-member", "other organization's owner", "malformed id", "key id instead of a user id"])(
    "heir: %s",
    async (kind) => {
      const org = await h.newOrganization();
      const prisma = h.db.prisma;
      const { id } = await keyWithResources(prisma, org);
      const outsider = await prisma.user.create({ data: { email: `outsider-${id}@example.test`, passwordHash: "x" } });
      const other = kind === "other organization's owner" ? await h.newOrganization() : null;
      const heir = {
        VIEWER: gid("User", org.users.VIEWER.id),
        "non-member": gid("User", outsider.id),
        "other organization's owner": gid("User", other?.users.OWNER.id ?? ""),
        "malformed id": "zzz",
        "key id instead of a user id": keyGid(id),
      }[kind];
      const before = await ownershipState(prisma, org.org.id);
      const result = await org.as.ADMIN.gql(deleteMutation, { input: { id: keyGid(id), transferOwnershipTo: heir } });
      expectError(result.data?.deleteApiKey, "VALIDATION", "transferOwnershipTo");
      expect(await ownershipState(prisma, org.org.id)).toEqual(before);
    },
  );

  it("an unknown or malformed key id is not found", async () => {
    const org = await h.newOrganization();
    for (const id of [keyGid("00000000-0000-4000-8000-000000000000"), "x"]) {
      expectError((await org.as.ADMIN.gql(deleteMutation, { input: { id } })).data?.deleteApiKey, "NOT_FOUND");
    }
  });

  it("deleting twice: the second is not found", async () => {
    const org = await h.newOrganization();
    const { key } = await org.keyClient();
    await org.as.ADMIN.gql(deleteMutation, { input: { id: keyGid(key.id) } });
    expectError(
      (await org.as.ADMIN.gql(deleteMutation, { input: { id: keyGid(key.id) } })).data?.deleteApiKey,
      "NOT_FOUND",
    );
  });
});
