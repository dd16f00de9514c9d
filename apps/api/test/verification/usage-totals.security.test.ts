import { describe, expect, it } from "vitest";
import { gid } from "../api-keys/support.ts";
import { dayMs, hourMs, keyOf, recordUsage, today } from "../maintenance/support.ts";
import { useHarness } from "../support/harness.ts";

const h = useHarness();

const overview = `query O($slug: String!, $since: DateTime!, $until: DateTime!) {
  organization(slug: $slug) {
    verificationUsage(since: $since, until: $until, granularity: DAY) { total byCode { code count } }
    verificationTopKeys(since: $since, until: $until, first: 100) { apiKey { id } total }
    verificationRefusals(since: $since, until: $until) { code count }
  }
}`;

const midnight = today();
const period = {
  since: new Date(midnight - 29 * dayMs).toISOString(),
  until: new Date(midnight + dayMs).toISOString(),
};

describe("usage totals and tenant isolation", () => {
  it("never show another organization's keys or counts, and answer like the organization does not exist to outsiders", async () => {
    const a = await h.newOrganization();
    const b = await h.newOrganization();
    const [aKey, bKey] = [await keyOf(a), await keyOf(b)];
    await recordUsage(h, [
      { keyId: aKey, code: "VALID", at: new Date(midnight + hourMs), times: 2 },
      { keyId: bKey, code: "VALID", at: new Date(midnight + hourMs), times: 70 },
      { keyId: bKey, code: "RATE_LIMITED", at: new Date(midnight + hourMs), times: 30 },
    ]);

    const mine = (await a.as.OWNER.gql(overview, { slug: a.org.slug, ...period })).data?.organization;
    expect(mine.verificationTopKeys).toEqual([{ apiKey: { id: gid("ApiKey", aKey) }, total: 2 }]);
    expect(mine.verificationRefusals).toEqual([]);
    expect(mine.verificationUsage.reduce((n: number, b: { total: number }) => n + b.total, 0)).toBe(2);

    // B's owner, B's key with keys:read, and A's members asking about B's slug get nothing of B's.
    const bKeyClient = (await b.keyClient({ scopes: ["keys:read"] })).client;
    for (const [who, client] of [
      ["another organization's owner", b.as.OWNER],
      ["another organization's key", bKeyClient],
    ] as const) {
      const result = await client.gql(overview, { slug: a.org.slug, ...period });
      expect(result.data?.organization, who).toBeNull();
    }
    const theirs = await a.as.OWNER.gql(overview, { slug: b.org.slug, ...period });
    expect(theirs.data?.organization).toBeNull();
    expect(JSON.stringify(theirs)).not.toContain(gid("ApiKey", bKey));
  });

  it("need `keys:read` like verificationUsage: every member may read them, a key without the scope may not", async () => {
    const org = await h.newOrganization();
    const key = await keyOf(org);
    await recordUsage(h, [{ keyId: key, code: "EXPIRED", at: new Date(midnight + hourMs), times: 3 }]);
    for (const role of ["OWNER", "ADMIN", "EDITOR", "VIEWER"] as const) {
      const { data } = await org.as[role].gql(overview, { slug: org.org.slug, ...period });
      expect(data?.organization.verificationRefusals, role).toEqual([{ code: "EXPIRED", count: 3 }]);
    }
    const reader = (await org.keyClient({ scopes: ["keys:read"] })).client;
    expect(
      (await reader.gql(overview, { slug: org.org.slug, ...period })).data?.organization.verificationTopKeys,
    ).toHaveLength(1);

    const accountsOnly = (await org.keyClient({ scopes: ["accounts:read"] })).client;
    const refused = await accountsOnly.gql(overview, { slug: org.org.slug, ...period });
    expect(refused.errors?.map((e) => e.extensions?.code)).toContain("FORBIDDEN");
    expect(refused.data?.organization ?? null).toBeNull();
  });
});
