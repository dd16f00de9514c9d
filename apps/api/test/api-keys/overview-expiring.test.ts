import { describe, expect, it } from "vitest";
import { useHarness } from "../support/harness.ts";
import { createKey, rawId } from "./support.ts";

const h = useHarness();
const dayMs = 86_400_000;

/** The console Overview's keys request (apps/web/src/features/overview/documents.ts). */
const overviewKeys = `query OverviewKeys($slug: String!, $expiringBefore: DateTime!, $listed: Int!) {
  organization(slug: $slug) {
    active: apiKeys(first: 1, filter: { statuses: [ACTIVE] }) { totalCount }
    expiring: apiKeys(first: 1, filter: { statuses: [EXPIRING] }) { totalCount }
    expired: apiKeys(first: 1, filter: { statuses: [EXPIRED] }) { totalCount }
    revoked: apiKeys(first: 1, filter: { statuses: [REVOKED] }) { totalCount }
    expiringSoon: apiKeys(
      first: $listed
      filter: { statuses: [EXPIRING], expiresBefore: $expiringBefore }
      orderBy: { field: EXPIRES_AT, direction: ASC }
    ) { totalCount nodes { name status expiresAt } }
  }
}`;

describe("the Overview's keys", () => {
  it("counts keys by status and lists the keys expiring in the next 30 days, soonest first, with their count", async () => {
    const org = await h.newOrganization();
    const now = Date.now();
    const key = async (name: string, days: number) =>
      rawId((await createKey(org, { name, expiresAt: new Date(now + days * dayMs).toISOString() })).apiKey.id);
    await key("in 25 days", 25);
    await key("in 3 days", 3);
    await key("in 12 days", 12);
    await key("in 29 days", 29);
    await key("in 45 days", 45);
    await key("in a year", 365);
    const revoked = await key("revoked, in 5 days", 5);
    await h.db.prisma.apiKey.update({ where: { id: revoked }, data: { revokedAt: new Date() } });
    const expired = await key("expired yesterday", 5);
    await h.db.prisma.apiKey.update({ where: { id: expired }, data: { expiresAt: new Date(now - dayMs) } });

    const { data, errors } = await org.as.VIEWER.gql(overviewKeys, {
      slug: org.org.slug,
      expiringBefore: new Date(now + 30 * dayMs).toISOString(),
      listed: 3,
    });
    expect(errors).toBeUndefined();
    const { expiringSoon, ...counts } = data?.organization ?? {};
    // EXPIRING is within 90 days; the Overview lists those within 30 (45 days is counted, not listed).
    expect(counts.active.totalCount).toBe(1);
    expect(counts.expiring.totalCount).toBe(5);
    expect(counts.revoked.totalCount).toBe(1);
    expect(counts.expired.totalCount).toBe(1);
    expect(expiringSoon.totalCount).toBe(4);
    expect(expiringSoon.nodes.map((k: { name: string; status: string }) => [k.name, k.status])).toEqual([
      ["in 3 days", "EXPIRING"],
      ["in 12 days", "EXPIRING"],
      ["in 25 days", "EXPIRING"],
    ]);
  });
});
