import { describe, expect, it } from "vitest";
import { useHarness } from "../support/harness.ts";
import { createKey, keyGid, revokeMutation } from "./support.ts";

const h = useHarness();

describe("revokeApiKey", () => {
  it("revokes with a reason, records who did it, and the key stops working at once", async () => {
    const org = await h.newOrganization();
    const { id, secret } = await createKey(org);
    const keyClient = h.client({ authorization: `Bearer ${secret}` });
    expect((await keyClient.gql("{ viewer { apiKey { id } } }")).status).toBe(200);

    const result = await org.as.ADMIN.gql(revokeMutation, { input: { id: keyGid(id), reason: "  Leaked in a log  " } });
    expect(result.data?.revokeApiKey).toMatchObject({
      __typename: "RevokeApiKeyPayload",
      apiKey: { status: "REVOKED", revokedReason: "Leaked in a log" },
    });
    const row = await h.db.prisma.apiKey.findUniqueOrThrow({ where: { id } });
    expect(row.revokedByUserId).toBe(org.users.ADMIN.id);
    const event = await h.db.prisma.auditEvent.findFirstOrThrow({ where: { targetId: id, action: "api_key.revoked" } });
    expect(event.changes).toEqual({
      status: { from: "ACTIVE", to: "REVOKED" },
      revokedReason: { from: null, to: "Leaked in a log" },
    });

    const after = await keyClient.gql("{ viewer { apiKey { id } } }");
    expect(after.status).toBe(401);
    expect(after.errors?.[0]?.message).toContain("revoked");
  });

  it("a key may revoke another key (and itself) without a reason", async () => {
    const org = await h.newOrganization();
    const { client, key } = await org.keyClient({ scopes: ["keys:write"] });
    const result = await client.gql(revokeMutation, { input: { id: keyGid(key.id) } });
    expect(result.data?.revokeApiKey.apiKey).toMatchObject({ status: "REVOKED", revokedReason: null });
    const row = await h.db.prisma.apiKey.findUniqueOrThrow({ where: { id: key.id } });
    expect(row.revokedByKeyId).toBe(key.id);
  });

  it("an expired key can still be revoked explicitly", async () => {
    const org = await h.newOrganization();
    const { key } = await org.keyClient({ expiresAt: new Date(Date.now() - 1000) });
    const result = await org.as.OWNER.gql(revokeMutation, { input: { id: keyGid(key.id), reason: "cleanup" } });
    expect(result.data?.revokeApiKey.apiKey.status).toBe("REVOKED");
  });
});
