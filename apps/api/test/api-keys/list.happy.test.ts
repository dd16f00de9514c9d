import { describe, expect, it } from "vitest";
import { useHarness } from "../support/harness.ts";
import { createKey, gid, keyGid, listQuery, revokeMutation } from "./support.ts";

const h = useHarness();
const dayMs = 86_400_000;

describe("Organization.apiKeys", () => {
  it("pages newest first with stable cursors and a total count", async () => {
    const org = await h.newOrganization();
    const names: string[] = [];
    for (let i = 0; i < 5; i++) {
      names.push((await createKey(org, { name: `key ${i}` })).apiKey.name);
      h.clock.advance(1000);
    }
    const first = await org.as.VIEWER.gql(listQuery, { slug: org.org.slug, first: 2 });
    const page1 = first.data?.organization.apiKeys;
    expect(page1.totalCount).toBe(5);
    expect(page1.nodes.map((n: { name: string }) => n.name)).toEqual(["key 4", "key 3"]);
    expect(page1.pageInfo.hasNextPage).toBe(true);
    expect(page1.edges[1].cursor).toBe(page1.pageInfo.endCursor);

    const second = await org.as.VIEWER.gql(listQuery, {
      slug: org.org.slug,
      first: 2,
      after: page1.pageInfo.endCursor,
    });
    expect(second.data?.organization.apiKeys.nodes.map((n: { name: string }) => n.name)).toEqual(["key 2", "key 1"]);
    const last = await org.as.VIEWER.gql(listQuery, {
      slug: org.org.slug,
      first: 2,
      after: second.data?.organization.apiKeys.pageInfo.endCursor,
    });
    expect(last.data?.organization.apiKeys.nodes.map((n: { name: string }) => n.name)).toEqual(["key 0"]);
    expect(last.data?.organization.apiKeys.pageInfo.hasNextPage).toBe(false);
  });

  it("defaults to 50 per page", async () => {
    const org = await h.newOrganization();
    const version = await h.db.prisma.apiVersion.findFirstOrThrow({ where: { organizationId: org.org.id } });
    await h.db.prisma.apiKey.createMany({
      data: Array.from({ length: 55 }, (_, i) => ({
        organizationId: org.org.id,
        name: `bulk-${i}`,
        hashedKey: `hash-${org.org.id}-${i}`,
        hint: "tsr_bulk…",
        apiVersionId: version.id,
        expiresAt: new Date(Date.now() + 200 * dayMs),
      })),
    });
    const result = await org.as.OWNER.gql(listQuery, { slug: org.org.slug });
    expect(result.data?.organization.apiKeys.nodes).toHaveLength(50);
    expect(result.data?.organization.apiKeys.totalCount).toBe(55);
  });

  it("filters by search (name, description, hint; case-insensitive), status, API version and creator", async () => {
    const org = await h.newOrganization();
    const prisma = h.db.prisma;
    const alpha = await createKey(org, { name: "Alpha Sync", apiVersion: "v2" });
    await createKey(org, { name: "Beta", description: "for the ALPHA team" });
    const expiring = await createKey(org, { name: "Soon", expiresAt: new Date(Date.now() + 10 * dayMs).toISOString() });
    const revoked = await createKey(org, { name: "Gone" });
    await org.as.OWNER.gql(revokeMutation, { input: { id: keyGid(revoked.id) } });
    const { key: expired } = await org.keyClient({ expiresAt: new Date(Date.now() - dayMs) });
    await prisma.apiKey.update({ where: { id: alpha.id }, data: { createdByUserId: org.users.ADMIN.id } });
    const v1 = await prisma.apiVersion.findFirstOrThrow({ where: { organizationId: org.org.id, name: "v1" } });
    await prisma.apiKey.update({ where: { id: expiring.id }, data: { apiVersionId: v1.id } });

    const names = async (filter: Record<string, unknown>) => {
      const result = await org.as.EDITOR.gql(listQuery, { slug: org.org.slug, filter });
      expect(result.errors).toBeUndefined();
      const list = result.data?.organization.apiKeys;
      expect(list.totalCount).toBe(list.nodes.length);
      return list.nodes.map((n: { name: string }) => n.name).sort();
    };
    expect(await names({ search: "alpha" })).toEqual(["Alpha Sync", "Beta"]);
    expect(await names({ search: alpha.apiKey.hint.slice(0, 10) })).toEqual(["Alpha Sync"]);
    expect(await names({ statuses: ["REVOKED"] })).toEqual(["Gone"]);
    expect(await names({ statuses: ["EXPIRED"] })).toEqual([expired.name]);
    expect(await names({ statuses: ["EXPIRING"] })).toEqual(["Soon"]);
    expect(await names({ statuses: ["ACTIVE", "EXPIRING"] })).toEqual(["Alpha Sync", "Beta", "Soon"]);
    expect(await names({ apiVersion: "v1" })).toEqual(["Soon"]);
    expect(await names({ createdById: gid("User", org.users.ADMIN.id) })).toEqual(["Alpha Sync"]);
    expect(await names({ search: "sync", statuses: ["REVOKED"] })).toEqual([]);
    expect(await names({ search: "   " })).toHaveLength(5);
  });

  it("a key with keys:read lists its organization's keys; the secret never appears", async () => {
    const org = await h.newOrganization();
    const { secret } = await createKey(org, { name: "Visible" });
    const { client } = await org.keyClient({ scopes: ["keys:read"] });
    const result = await client.gql(listQuery, { slug: org.org.slug });
    expect(result.data?.organization.apiKeys.totalCount).toBe(2);
    expect(JSON.stringify(result)).not.toContain(secret);
  });
});
