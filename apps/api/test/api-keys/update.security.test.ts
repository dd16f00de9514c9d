import { describe, expect, it } from "vitest";
import { useHarness } from "../support/harness.ts";
import { createKey, expectError, keyGid, keySnapshot, readOnlyCallers, updateMutation } from "./support.ts";

const h = useHarness();

describe("updateApiKey authorization", () => {
  it("another organization's key behaves exactly like a key that does not exist, and is untouched", async () => {
    const org = await h.newOrganization();
    const other = await h.newOrganization();
    const { id } = await createKey(other);
    const before = await keySnapshot(h.db.prisma, id);
    const foreign = await org.as.OWNER.gql(updateMutation, { input: { id: keyGid(id), name: "Hijacked" } });
    const unknown = await org.as.OWNER.gql(updateMutation, {
      input: { id: keyGid("00000000-0000-4000-8000-000000000000"), name: "Hijacked" },
    });
    expect(foreign.data?.updateApiKey).toEqual(unknown.data?.updateApiKey);
    expectError(foreign.data?.updateApiKey, "NOT_FOUND");
    const { client } = await org.keyClient();
    expectError(
      (await client.gql(updateMutation, { input: { id: keyGid(id), name: "x" } })).data?.updateApiKey,
      "NOT_FOUND",
    );
    expect(await keySnapshot(h.db.prisma, id)).toEqual(before);
  });

  it("EDITOR, VIEWER and keys without keys:write are forbidden", async () => {
    const org = await h.newOrganization();
    const { id } = await createKey(org);
    const before = await keySnapshot(h.db.prisma, id);
    for (const [label, client] of await readOnlyCallers(org)) {
      const result = await client.gql(updateMutation, { input: { id: keyGid(id), name: "x" } });
      expect(result.data?.updateApiKey.__typename, label).toBe("ForbiddenError");
    }
    expect(await keySnapshot(h.db.prisma, id)).toEqual(before);
  });

  it("anonymous callers and revoked keys are refused", async () => {
    const org = await h.newOrganization();
    const { id } = await createKey(org);
    const anonymous = await h.anonymous.gql(updateMutation, { input: { id: keyGid(id), name: "x" } });
    expectError(anonymous.data?.updateApiKey, "UNAUTHENTICATED");
    const { client } = await org.keyClient({ revoked: true });
    expect((await client.gql(updateMutation, { input: { id: keyGid(id), name: "x" } })).status).toBe(401);
  });

  it("a restricted key cannot widen its own scopes (no privilege escalation through edit)", async () => {
    const org = await h.newOrganization();
    const { client, key } = await org.keyClient({ scopes: ["keys:write"] });
    const before = await keySnapshot(h.db.prisma, key.id);
    const toAll = await client.gql(updateMutation, { input: { id: keyGid(key.id), scopes: null } });
    expectError(toAll.data?.updateApiKey, "FORBIDDEN");
    const wider = await client.gql(updateMutation, {
      input: { id: keyGid(key.id), scopes: ["keys:write", "accounts:write"] },
    });
    expectError(wider.data?.updateApiKey, "FORBIDDEN");
    expect(await keySnapshot(h.db.prisma, key.id)).toEqual(before);
  });
});
