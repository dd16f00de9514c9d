import { describe, expect, it } from "vitest";
import { useHarness } from "../support/harness.ts";
import { expectError, keyGid, keySnapshot, updateMutation } from "./support.ts";
import { itAuthorizesKeyWrites } from "./write-authorization.ts";

const h = useHarness();

describe("updateApiKey authorization", () => {
  itAuthorizesKeyWrites(h, {
    mutation: updateMutation,
    field: "updateApiKey",
    input: (id) => ({ id: keyGid(id), name: "Hijacked" }),
  });

  it("a restricted key cannot widen its own scopes (no privilege escalation through edit)", async () => {
    const org = await h.newOrganization();
    const { client, key } = await org.keyClient({ scopes: ["keys:write"] });
    const before = await keySnapshot(h.db.prisma, key.id);
    const toAll = await client.gql(updateMutation, { input: { id: keyGid(key.id), scopes: null } });
    expectError(toAll.data?.updateApiKey, "FORBIDDEN");
    const wider = await client.gql(updateMutation, {
      input: { id: keyGid(key.id), managementScopes: ["keys:write", "accounts:write"] },
    });
    expectError(wider.data?.updateApiKey, "FORBIDDEN");
    expect(wider.data?.updateApiKey.message).toContain("accounts:write");
    const data = await client.gql(updateMutation, { input: { id: keyGid(key.id), scopes: ["vehicles:read"] } });
    expectError(data.data?.updateApiKey, "FORBIDDEN");
    expect(await keySnapshot(h.db.prisma, key.id)).toEqual(before);
  });

  it("a key with keys:write cannot give another key management scopes it does not hold", async () => {
    const org = await h.newOrganization();
    const { client } = await org.keyClient({ managementScopes: ["keys:write"] });
    const target = await org.keyClient({ role: "EDITOR", scopes: ["vehicles:read"] });
    const before = await keySnapshot(h.db.prisma, target.key.id);
    const result = await client.gql(updateMutation, {
      input: { id: keyGid(target.key.id), managementScopes: ["webhooks:write"] },
    });
    expectError(result.data?.updateApiKey, "FORBIDDEN");
    expect(await keySnapshot(h.db.prisma, target.key.id)).toEqual(before);
  });
});
