import { randomBytes } from "node:crypto";
import { decodeId } from "@tessera/core";
import { describe, expect, it } from "vitest";
import type { OrgFixture } from "../support/harness.ts";
import { useHarness } from "../support/harness.ts";

const h = useHarness();
const dayMs = 86_400_000;

const orderedQuery = `query Ordered($slug: String!, $first: Int, $after: String, $orderBy: ApiKeyOrder, $filter: ApiKeyFilter) {
  organization(slug: $slug) {
    apiKeys(first: $first, after: $after, orderBy: $orderBy, filter: $filter) {
      totalCount
      edges { cursor node { id name status lastUsedAt expiresAt } }
      pageInfo { hasNextPage endCursor }
    }
  }
}`;

type Row = { id: string; name: string; status: string; lastUsedAt: string | null; expiresAt: string };

/**
 * Ten keys built to stress an order: equal expiries (ties broken by id), keys never used (nulls),
 * revoked and expired ones (STATUS), names that differ only in case.
 */
async function seedKeys(org: OrgFixture) {
  const prisma = h.db.prisma;
  const version = await prisma.apiVersion.findFirstOrThrow({ where: { organizationId: org.org.id, name: "v2" } });
  const now = Date.now();
  const specs = [
    { name: "alpha", expires: 200, used: 5, revoked: false },
    { name: "bravo", expires: 200, used: null, revoked: false },
    { name: "charlie", expires: 200, used: 5, revoked: false },
    { name: "delta", expires: 30, used: 1, revoked: false },
    { name: "echo", expires: -3, used: null, revoked: false },
    { name: "foxtrot", expires: 300, used: 2, revoked: true },
    { name: "golf", expires: 30, used: null, revoked: false },
    { name: "hotel", expires: -10, used: 9, revoked: true },
    { name: "India", expires: 60, used: 3, revoked: false },
    { name: "juliet", expires: 200, used: 5, revoked: false },
  ];
  for (const [i, spec] of specs.entries()) {
    await prisma.apiKey.create({
      data: {
        organizationId: org.org.id,
        name: spec.name,
        hashedKey: randomBytes(32).toString("hex"),
        hint: `tsr_${i}`,
        apiVersionId: version.id,
        expiresAt: new Date(now + spec.expires * dayMs),
        createdAt: new Date(now - (i % 3) * dayMs),
        lastUsedAt: spec.used == null ? null : new Date(now - spec.used * dayMs),
        revokedAt: spec.revoked ? new Date(now - (i + 1) * 1000) : null,
        createdByUserId: org.users.OWNER.id,
      },
    });
  }
}

async function pageThrough(org: OrgFixture, orderBy: unknown, first: number): Promise<Row[]> {
  const rows: Row[] = [];
  let after: string | null = null;
  for (let page = 0; page < 20; page++) {
    const result: { errors?: unknown; data?: Record<string, any> } = await org.as.VIEWER.gql(orderedQuery, {
      slug: org.org.slug,
      first,
      after,
      orderBy,
    });
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    const list: { edges: { node: Row }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } =
      result.data?.organization.apiKeys;
    rows.push(...list.edges.map((e) => e.node));
    if (!list.pageInfo.hasNextPage) return rows;
    after = list.pageInfo.endCursor;
  }
  throw new Error("did not finish paging");
}

/** The database's tiebreak: the key's UUID (not its base64 global id, whose order differs). */
const uuid = (row: Row) => decodeId(row.id, "ApiKey") ?? "";
const byId = (a: Row, b: Row) => (uuid(a) < uuid(b) ? -1 : uuid(a) > uuid(b) ? 1 : 0);

describe("Organization.apiKeys orderBy", () => {
  it("sorts by every field both ways, ties by id, and pages of 3 give exactly the one-page order", async () => {
    const org = await h.newOrganization();
    await seedKeys(org);
    for (const field of ["NAME", "CREATED_AT", "EXPIRES_AT", "LAST_USED_AT", "STATUS"]) {
      for (const direction of ["ASC", "DESC"]) {
        const whole = await pageThrough(org, { field, direction }, 100);
        expect(whole).toHaveLength(10);
        const paged = await pageThrough(org, { field, direction }, 3);
        expect(
          paged.map((r) => r.id),
          `${field} ${direction}`,
        ).toEqual(whole.map((r) => r.id));
      }
    }
  });

  it("EXPIRES_AT breaks ties by id, ascending, in both directions", async () => {
    const org = await h.newOrganization();
    await seedKeys(org);
    for (const direction of ["ASC", "DESC"]) {
      const rows = await pageThrough(org, { field: "EXPIRES_AT", direction }, 2);
      const expected = [...rows].sort((a, b) => {
        const diff = Date.parse(a.expiresAt) - Date.parse(b.expiresAt);
        return diff !== 0 ? (direction === "ASC" ? diff : -diff) : byId(a, b);
      });
      expect(rows.map((r) => r.id)).toEqual(expected.map((r) => r.id));
      const tied = rows.filter(
        (r) => Date.parse(r.expiresAt) === Date.parse(rows.find((x) => x.name === "alpha")?.expiresAt ?? ""),
      );
      expect(tied.length).toBeGreaterThan(1);
    }
  });

  it("LAST_USED_AT puts keys never used last, whichever the direction", async () => {
    const org = await h.newOrganization();
    await seedKeys(org);
    for (const direction of ["ASC", "DESC"]) {
      const rows = await pageThrough(org, { field: "LAST_USED_AT", direction }, 2);
      const firstNull = rows.findIndex((r) => r.lastUsedAt === null);
      expect(firstNull).toBe(7);
      expect(rows.slice(firstNull).every((r) => r.lastUsedAt === null)).toBe(true);
      const used = rows.slice(0, firstNull).map((r) => Date.parse(r.lastUsedAt ?? ""));
      const sorted = [...used].sort((a, b) => (direction === "ASC" ? a - b : b - a));
      expect(used).toEqual(sorted);
    }
  });

  it("STATUS ascending is ACTIVE, EXPIRING, EXPIRED, REVOKED; descending the reverse", async () => {
    const org = await h.newOrganization();
    await seedKeys(org);
    const rank = { ACTIVE: 0, EXPIRING: 1, EXPIRED: 2, REVOKED: 3 } as Record<string, number>;
    const asc = (await pageThrough(org, { field: "STATUS", direction: "ASC" }, 4)).map((r) => rank[r.status] ?? -1);
    expect(asc).toEqual([...asc].sort((a, b) => a - b));
    const desc = (await pageThrough(org, { field: "STATUS", direction: "DESC" }, 4)).map((r) => rank[r.status] ?? -1);
    expect(desc).toEqual([...desc].sort((a, b) => b - a));
  });

  it("the default is newest first, as before orderBy existed", async () => {
    const org = await h.newOrganization();
    await seedKeys(org);
    const implicit = await pageThrough(org, undefined, 4);
    const explicit = await pageThrough(org, { field: "CREATED_AT", direction: "DESC" }, 4);
    expect(implicit.map((r) => r.id)).toEqual(explicit.map((r) => r.id));
  });

  it("a cursor from one order is refused under another, with a message that says what to do", async () => {
    const org = await h.newOrganization();
    await seedKeys(org);
    const first = await org.as.OWNER.gql(orderedQuery, {
      slug: org.org.slug,
      first: 2,
      orderBy: { field: "NAME", direction: "ASC" },
    });
    const cursor = first.data?.organization.apiKeys.pageInfo.endCursor;
    for (const orderBy of [
      { field: "NAME", direction: "DESC" },
      { field: "EXPIRES_AT", direction: "ASC" },
      undefined,
    ]) {
      const result = await org.as.OWNER.gql(orderedQuery, { slug: org.org.slug, first: 2, after: cursor, orderBy });
      expect(result.data?.organization ?? null).toBeNull();
      expect(result.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
      expect(result.errors?.[0]?.message).toContain("sorted by NAME ASC");
      expect(result.errors?.[0]?.message).toContain("first page");
    }
  });

  it("a forged or garbage cursor is a clear error, never a server error", async () => {
    const org = await h.newOrganization();
    const forged = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
    for (const after of [
      "garbage",
      forged({ order: "CREATED_AT:DESC", values: ["not a date"], id: "x" }),
      forged({ order: "CREATED_AT:DESC", values: [], id: "x" }),
      forged({ order: "CREATED_AT:DESC", values: [{ gt: 1 }], id: "x" }),
      forged({ order: "CREATED_AT:DESC", values: ["2026-01-01T00:00:00.000Z"], id: "not-a-uuid" }),
      forged({ order: "CREATED_AT:DESC", values: [null], id: "7f0c7a3e-2a3c-4b0e-9d4e-1d2f3a4b5c6d" }),
    ]) {
      const result = await org.as.OWNER.gql(orderedQuery, { slug: org.org.slug, after });
      expect(result.status).toBe(200);
      expect(result.errors?.[0]?.extensions?.code, after).toBe("BAD_USER_INPUT");
    }
  });

  it("an unknown order field is refused by the schema", async () => {
    const org = await h.newOrganization();
    const result = await org.as.OWNER.gql(orderedQuery, { slug: org.org.slug, orderBy: { field: "SECRET" } });
    expect(result.errors?.[0]?.message).toContain("SECRET");
  });
});
