import { describe, expect, it } from "vitest";
import { useHarness } from "../support/harness.ts";
import { createKey, keyGid, renewMutation } from "./support.ts";

const h = useHarness();
const dayMs = 86_400_000;

describe("renewApiKey", () => {
  it("sets the expiry to 12 months from the moment of renewal and audits it", async () => {
    const org = await h.newOrganization();
    const { id } = await createKey(org, { expiresAt: new Date(Date.now() + 10 * dayMs).toISOString() });
    // Less than a day: the harness sessions expire after one.
    h.clock.advance(dayMs / 2);
    const now = h.clock.now();
    const result = await org.as.ADMIN.gql(renewMutation, { input: { id: keyGid(id) } });
    const renewed = result.data?.renewApiKey;
    expect(renewed).toMatchObject({ __typename: "RenewApiKeyPayload", apiKey: { status: "ACTIVE" } });
    const expected = new Date(now);
    expected.setUTCMonth(expected.getUTCMonth() + 12);
    expect(Math.abs(new Date(renewed.apiKey.expiresAt).getTime() - expected.getTime())).toBeLessThan(5000);
    expect(Math.abs(new Date(renewed.apiKey.renewedAt).getTime() - now.getTime())).toBeLessThan(5000);
    const event = await h.db.prisma.auditEvent.findFirstOrThrow({ where: { targetId: id, action: "api_key.renewed" } });
    expect(event.changes).toMatchObject({ expiresAt: { to: renewed.apiKey.expiresAt } });
  });

  it("a key with keys:write may renew", async () => {
    const org = await h.newOrganization();
    const { id } = await createKey(org);
    const { client } = await org.keyClient({ scopes: ["keys:write"] });
    const result = await client.gql(renewMutation, { input: { id: keyGid(id) } });
    expect(result.data?.renewApiKey.__typename).toBe("RenewApiKeyPayload");
  });
});
