import { describe, expect, it } from "vitest";
import { useHarness } from "../support/harness.ts";
import { createKey, expectError, keyGid, keySnapshot, renewMutation, revokeMutation } from "./support.ts";

const h = useHarness();

describe("renewApiKey refuses keys that cannot be renewed", () => {
  it("a revoked key can never be renewed", async () => {
    const org = await h.newOrganization();
    const { id } = await createKey(org);
    await org.as.ADMIN.gql(revokeMutation, { input: { id: keyGid(id) } });
    const before = await keySnapshot(h.db.prisma, id);
    const result = await org.as.ADMIN.gql(renewMutation, { input: { id: keyGid(id) } });
    expectError(result.data?.renewApiKey, "CONFLICT");
    expect(result.data?.renewApiKey.message).toContain("Create a new key");
    expect(await keySnapshot(h.db.prisma, id)).toEqual(before);
  });

  it("an expired key can never be renewed", async () => {
    const org = await h.newOrganization();
    const { key } = await org.keyClient({ expiresAt: new Date(Date.now() - 1000) });
    const before = await keySnapshot(h.db.prisma, key.id);
    const result = await org.as.ADMIN.gql(renewMutation, { input: { id: keyGid(key.id) } });
    expectError(result.data?.renewApiKey, "CONFLICT");
    expect(await keySnapshot(h.db.prisma, key.id)).toEqual(before);
  });

  it("an unknown, malformed or wrong-type id is not found", async () => {
    const org = await h.newOrganization();
    const ids = [
      keyGid("00000000-0000-4000-8000-000000000000"),
      "%%%",
      Buffer.from(`User:${org.users.ADMIN.id}`).toString("base64"),
    ];
    for (const id of ids) {
      expectError((await org.as.ADMIN.gql(renewMutation, { input: { id } })).data?.renewApiKey, "NOT_FOUND");
    }
  });
});
