import { describe, expect, it } from "vitest";
import { useHarness } from "../support/harness.ts";
import { createKey, expectError, keyGid, keySnapshot, revokeMutation } from "./support.ts";

const h = useHarness();

describe("revokeApiKey errors", () => {
  it("revoking twice is a conflict and keeps the first reason", async () => {
    const org = await h.newOrganization();
    const { id } = await createKey(org);
    await org.as.ADMIN.gql(revokeMutation, { input: { id: keyGid(id), reason: "first" } });
    const before = await keySnapshot(h.db.prisma, id);
    const again = await org.as.OWNER.gql(revokeMutation, { input: { id: keyGid(id), reason: "second" } });
    expectError(again.data?.revokeApiKey, "CONFLICT");
    expect(await keySnapshot(h.db.prisma, id)).toEqual(before);
    expect(before.key?.revokedReason).toBe("first");
  });

  it("a reason over 500 characters is refused", async () => {
    const org = await h.newOrganization();
    const { id } = await createKey(org);
    const before = await keySnapshot(h.db.prisma, id);
    const result = await org.as.ADMIN.gql(revokeMutation, { input: { id: keyGid(id), reason: "r".repeat(501) } });
    expectError(result.data?.revokeApiKey, "VALIDATION", "reason");
    expect(await keySnapshot(h.db.prisma, id)).toEqual(before);
  });

  it("an unknown or malformed id is not found", async () => {
    const org = await h.newOrganization();
    for (const id of [keyGid("00000000-0000-4000-8000-000000000000"), ""]) {
      expectError((await org.as.ADMIN.gql(revokeMutation, { input: { id } })).data?.revokeApiKey, "NOT_FOUND");
    }
  });
});
