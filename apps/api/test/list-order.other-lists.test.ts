import { describe, expect, it } from "vitest";
import { createAccountAs, updateAccount } from "./accounts/documents.ts";
import { createResourceAs } from "./resources/documents.ts";
import type { Client } from "./support/harness.ts";
import { useHarness } from "./support/harness.ts";

const h = useHarness();

const listOf = (field: string, filterType: string, orderType: string, node: string) =>
  `query L($slug: String!, $first: Int, $after: String, $orderBy: ${orderType}, $filter: ${filterType}) {
    organization(slug: $slug) { ${field}(first: $first, after: $after, orderBy: $orderBy, filter: $filter) {
      totalCount edges { cursor node { ${node} } } pageInfo { hasNextPage endCursor } } }
  }`;

async function pageAll(client: Client, query: string, field: string, slug: string, orderBy: unknown, first = 2) {
  const nodes: Record<string, string>[] = [];
  let after: string | null = null;
  for (let i = 0; i < 30; i++) {
    const result: { errors?: unknown; data?: Record<string, any> } = await client.gql(query, {
      slug,
      first,
      after,
      orderBy,
    });
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    const list = result.data?.organization[field];
    nodes.push(...list.edges.map((e: { node: Record<string, string> }) => e.node));
    if (!list.pageInfo.hasNextPage) return nodes;
    after = list.pageInfo.endCursor;
  }
  throw new Error("did not finish paging");
}

describe("orderBy on customer accounts, resources and the audit log", () => {
  it("customer accounts by NAME and by STATUS (ACTIVE, SUSPENDED, CLOSED), pages equal to one page", async () => {
    const org = await h.newOrganization();
    const query = listOf("customerAccounts", "CustomerAccountFilter", "CustomerAccountOrder", "id name status");
    const names = ["Umbrella", "acme", "Bluth", "Cyberdyne", "Dunder"];
    const created: { id: string }[] = [];
    for (const name of names) created.push(await createAccountAs(org.as.OWNER, org.org.id, name));
    const setStatus = (i: number, status: string) =>
      org.as.OWNER.gql(updateAccount, { input: { id: created[i]?.id, status } });
    await setStatus(0, "CLOSED");
    await setStatus(2, "SUSPENDED");
    await setStatus(3, "SUSPENDED");
    const byName = await pageAll(org.as.VIEWER, query, "customerAccounts", org.org.slug, { field: "NAME" });
    expect(byName.map((a) => a.name)).toEqual(
      (await pageAll(org.as.VIEWER, query, "customerAccounts", org.org.slug, { field: "NAME" }, 100)).map(
        (a) => a.name,
      ),
    );
    expect(byName).toHaveLength(5);
    for (const direction of ["ASC", "DESC"]) {
      const byStatus = await pageAll(org.as.VIEWER, query, "customerAccounts", org.org.slug, {
        field: "STATUS",
        direction,
      });
      const rank = { ACTIVE: 0, SUSPENDED: 1, CLOSED: 2 } as Record<string, number>;
      const ranks = byStatus.map((a) => rank[a.status ?? ""] ?? -1);
      expect(ranks).toEqual([...ranks].sort((a, b) => (direction === "ASC" ? a - b : b - a)));
      // Within a status, the id breaks ties in ascending order.
      const suspended = byStatus.filter((a) => a.status === "SUSPENDED").map((a) => a.id);
      expect(suspended).toHaveLength(2);
    }
    const cursor = (await org.as.VIEWER.gql(query, { slug: org.org.slug, first: 1, orderBy: { field: "STATUS" } })).data
      ?.organization.customerAccounts.pageInfo.endCursor;
    const refused = await org.as.VIEWER.gql(query, { slug: org.org.slug, after: cursor, orderBy: { field: "NAME" } });
    expect(refused.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });

  it("resources by KIND and NAME", async () => {
    const org = await h.newOrganization();
    const query = listOf("resources", "ResourceFilter", "ResourceOrder", "id name kind");
    for (const [kind, name] of [
      ["PROJECT", "Apollo"],
      ["VEHICLE", "Truck 2"],
      ["DATA_SOURCE", "Feed"],
      ["VEHICLE", "Truck 1"],
      ["VEHICLE_GROUP", "Fleet"],
    ] as const) {
      await createResourceAs(org.as.OWNER, org.org.id, { kind, name });
    }
    const byKind = await pageAll(org.as.EDITOR, query, "resources", org.org.slug, { field: "KIND", direction: "DESC" });
    expect(byKind.map((r) => r.kind)).toEqual(["PROJECT", "DATA_SOURCE", "VEHICLE_GROUP", "VEHICLE", "VEHICLE"]);
    const byName = await pageAll(org.as.EDITOR, query, "resources", org.org.slug, { field: "NAME" });
    expect(byName.map((r) => r.name)).toEqual(["Apollo", "Feed", "Fleet", "Truck 1", "Truck 2"]);
  });

  it("the audit log oldest first, paged", async () => {
    const org = await h.newOrganization();
    const query = listOf("auditEvents", "AuditEventFilter", "AuditEventOrder", "id action createdAt");
    for (const name of ["one", "two", "three"]) {
      await createAccountAs(org.as.OWNER, org.org.id, name);
      h.clock.advance(1000);
    }
    const oldest = await pageAll(org.as.OWNER, query, "auditEvents", org.org.slug, {
      field: "CREATED_AT",
      direction: "ASC",
    });
    const newest = await pageAll(org.as.OWNER, query, "auditEvents", org.org.slug, undefined);
    expect(oldest.map((e) => e.id)).toEqual([...newest].reverse().map((e) => e.id));
  });
});
