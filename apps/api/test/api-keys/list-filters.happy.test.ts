import { describe, expect, it } from "vitest";
import { createAccountAs } from "../accounts/documents.ts";
import { createResourceAs } from "../resources/documents.ts";
import { useHarness } from "../support/harness.ts";
import { createKey, createMutation, gid, listQuery, rawId } from "./support.ts";

const h = useHarness();
const dayMs = 86_400_000;
const names = (result: { data?: Record<string, any> }) =>
  ((result.data?.organization.apiKeys.nodes ?? []) as { name: string }[]).map((n) => n.name).sort();

describe("Organization.apiKeys filters for large organizations", () => {
  it("keys created by a key, expiring before a date, unused since a date, restricted to an account or a resource", async () => {
    const org = await h.newOrganization();
    const orgId = gid("Organization", org.org.id);
    const account = await createAccountAs(org.as.OWNER, org.org.id, "Northwind");
    const vehicle = await createResourceAs(org.as.OWNER, org.org.id, { kind: "VEHICLE", name: "Truck 7" });
    await createKey(org, { name: "everything" });
    await createKey(org, { name: "for-northwind", customerAccountIds: [account.id] });
    await createKey(org, { name: "for-truck", resourceIds: [vehicle.id] });
    await createKey(org, { name: "short", expiresAt: new Date(Date.now() + 10 * dayMs).toISOString() });
    const { client, key: creator } = await org.keyClient({ scopes: ["keys:write", "vehicles:read"] });
    const byKey = await client.gql(createMutation, {
      input: { organizationId: orgId, name: "made-by-key", scopes: ["vehicles:read"] },
    });
    expect(byKey.data?.createApiKey.__typename, JSON.stringify(byKey)).toBe("CreateApiKeyPayload");
    const used = rawId((await createKey(org, { name: "used-today" })).apiKey.id);
    await h.db.prisma.apiKey.update({ where: { id: used }, data: { lastUsedAt: new Date() } });
    const old = rawId((await createKey(org, { name: "used-long-ago" })).apiKey.id);
    await h.db.prisma.apiKey.update({ where: { id: old }, data: { lastUsedAt: new Date(Date.now() - 60 * dayMs) } });

    const list = (filter: Record<string, unknown>) => org.as.VIEWER.gql(listQuery, { slug: org.org.slug, filter });
    expect(names(await list({ createdByKeyId: gid("ApiKey", creator.id) }))).toEqual(["made-by-key"]);
    expect(names(await list({ customerAccountId: account.id }))).toEqual(["for-northwind"]);
    expect(names(await list({ resourceId: vehicle.id }))).toEqual(["for-truck"]);
    // The creating key itself (30 days, from the harness) and "short" (10 days) expire within 40 days.
    const expiring = names(await list({ expiresBefore: new Date(Date.now() + 40 * dayMs).toISOString() }));
    expect(expiring).toEqual([creator.name, "short"].sort());
    const unused = names(await list({ unusedSince: new Date(Date.now() - dayMs).toISOString() }));
    expect(unused).toContain("used-long-ago");
    expect(unused).toContain("everything");
    expect(unused).not.toContain("used-today");
    // Filters combine with AND, and totalCount follows them.
    const both = await list({ unusedSince: new Date().toISOString(), customerAccountId: account.id });
    expect(both.data?.organization.apiKeys.totalCount).toBe(1);
  });
});
