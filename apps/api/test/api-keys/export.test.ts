import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { createAccountAs } from "../accounts/documents.ts";
import type { OrgFixture } from "../support/harness.ts";
import { useHarness } from "../support/harness.ts";
import { useHttpServer } from "../support/http-server.ts";
import { createKey, gid } from "./support.ts";

const h = useHarness();
const http = useHttpServer(h);

const exportAs = (org: OrgFixture, role: "OWNER" | "VIEWER", query: string) =>
  fetch(`${http.base()}/v1/exports/api-keys.csv?organization=${org.org.slug}${query}`, {
    headers: { cookie: org.as[role].headers.cookie ?? "" },
  });

/** The rows of a CSV answer, each an array of cells. */
const parseCsv = (text: string): string[][] => parse(text, { relax_column_count: false });

describe("GET /v1/exports/api-keys.csv", () => {
  it("exports every page under each filter and order: as many rows as the list's total, in the list's order, no secret", async () => {
    const org = await h.newOrganization();
    const account = await createAccountAs(org.as.OWNER, org.org.id, "Northwind");
    const secrets: string[] = [];
    for (let i = 0; i < 12; i++) {
      const input = i % 3 === 0 ? { name: `acct-${i}`, customerAccountIds: [account.id] } : { name: `key-${i}` };
      secrets.push((await createKey(org, input)).secret);
      h.clock.advance(1000);
    }
    await createKey(org, { name: '=HYPERLINK("http://evil.test")', description: '-2+3, and "quoted"\nline' });

    for (const [query, filter] of [
      ["", {}],
      ["&search=acct", { search: "acct" }],
      [`&customerAccountId=${encodeURIComponent(account.id)}`, { customerAccountId: account.id }],
      ["&status=ACTIVE&status=REVOKED", { statuses: ["ACTIVE", "REVOKED"] }],
    ] as const) {
      const response = await exportAs(org, "VIEWER", `${query}&orderBy=NAME&direction=DESC`);
      expect(response.status, query).toBe(200);
      const text = await response.text();
      const [header, ...rows] = parseCsv(text);
      expect(header?.slice(0, 5)).toEqual(["id", "name", "description", "hint", "status"]);
      const list = await org.as.VIEWER.gql(
        `query($slug: String!, $filter: ApiKeyFilter) { organization(slug: $slug) {
          apiKeys(first: 100, filter: $filter, orderBy: { field: NAME, direction: DESC }) { totalCount nodes { id } } } }`,
        { slug: org.org.slug, filter },
      );
      const keys = list.data?.organization.apiKeys;
      expect(rows, query).toHaveLength(keys.totalCount);
      expect(rows.map((r) => r[0])).toEqual(keys.nodes.map((n: { id: string }) => n.id));
      for (const secret of secrets) expect(text).not.toContain(secret.slice(4, 20));
    }
  });

  it("under each of the newer filters (creator member or key, expiry, last use, account, resource) the export has the list's total", async () => {
    const org = await h.newOrganization();
    const prisma = h.db.prisma;
    const { key: creatorKey } = await org.keyClient();
    const truck = await prisma.resource.create({
      data: { organizationId: org.org.id, kind: "VEHICLE", name: "Truck" },
    });
    const account = await createAccountAs(org.as.OWNER, org.org.id, "Northwind");
    const now = h.clock.now().getTime();
    const day = 86_400_000;
    for (let i = 0; i < 12; i++) {
      const { id } = await createKey(org, {
        name: `fleet-${i}`,
        ...(i % 4 === 1 ? { customerAccountIds: [account.id] } : {}),
      });
      await prisma.apiKey.update({
        where: { id },
        data: {
          createdByUserId: i % 2 ? org.users.ADMIN.id : org.users.OWNER.id,
          createdByKeyId: i % 3 === 0 ? creatorKey.id : null,
          expiresAt: new Date(now + (i + 2) * 10 * day),
          lastUsedAt: i % 4 === 0 ? null : new Date(now - i * day),
          ...(i % 5 === 0 ? { allResources: false, resources: { create: { resourceId: truck.id } } } : {}),
        },
      });
    }
    const iso = (ms: number) => new Date(ms).toISOString();
    const filters: Record<string, string>[] = [
      { createdById: gid("User", org.users.ADMIN.id) },
      { createdByKeyId: gid("ApiKey", creatorKey.id) },
      { expiresBefore: iso(now + 65 * day) },
      { unusedSince: iso(now - 5 * day) },
      { customerAccountId: account.id },
      { resourceId: gid("Resource", truck.id) },
      {
        createdById: gid("User", org.users.OWNER.id),
        unusedSince: iso(now - 5 * day),
        expiresBefore: iso(now + 95 * day),
      },
    ];
    for (const filter of filters) {
      const list = await org.as.VIEWER.gql(
        `query($slug: String!, $filter: ApiKeyFilter) { organization(slug: $slug) {
          apiKeys(first: 100, filter: $filter) { totalCount nodes { id } } } }`,
        { slug: org.org.slug, filter },
      );
      const keys = list.data?.organization.apiKeys;
      const label = JSON.stringify(filter);
      // Each filter narrows the 13 keys (12 plus the creating key) to some but not all: a filter the export ignored would show.
      expect(keys.totalCount, label).toBeGreaterThan(0);
      expect(keys.totalCount, label).toBeLessThan(13);
      const response = await exportAs(org, "VIEWER", `&${new URLSearchParams(filter)}`);
      expect(response.status, label).toBe(200);
      const [, ...rows] = parseCsv(await response.text());
      expect(rows, label).toHaveLength(keys.totalCount);
      expect(rows.map((r) => r[0]).sort(), label).toEqual(keys.nodes.map((n: { id: string }) => n.id).sort());
    }
  });

  it("streams as CSV with a file name, absolute times, formula-looking cells neutralized, and the security headers", async () => {
    const org = await h.newOrganization();
    await createKey(org, { name: '=HYPERLINK("http://evil.test")', description: '-2+3, and "quoted"\nline' });
    await createKey(org, { name: "@SUM(A1)" });
    const response = await exportAs(org, "OWNER", "");
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(
      new RegExp(`^attachment; filename="api-keys-${org.org.slug}-\\d{4}-\\d{2}-\\d{2}\\.csv"$`),
    );
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("content-security-policy")).toContain("default-src");
    expect(response.headers.get("cache-control")).toBe("no-store");
    const rows = parseCsv(await response.text());
    const names = rows.slice(1).map((r) => r[1]);
    expect(names).toContain(`'=HYPERLINK("http://evil.test")`);
    expect(names).toContain("'@SUM(A1)");
    expect(rows.slice(1).map((r) => r[2])).toContain('\'-2+3, and "quoted"\nline');
    const createdAt = rows[1]?.[9] ?? "";
    expect(createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  });

  it("an empty list exports the header only", async () => {
    const org = await h.newOrganization();
    const response = await exportAs(org, "VIEWER", "&search=nothing-matches");
    expect(parseCsv(await response.text())).toHaveLength(1);
  });

  it("refuses bad parameters with 400 and a message naming them", async () => {
    const org = await h.newOrganization();
    for (const [query, name] of [
      ["&status=SOON", "status"],
      ["&orderBy=SECRET", "orderBy"],
      ["&orderBy=NAME&direction=UP", "direction"],
      ["&expiresBefore=tomorrow", "expiresBefore"],
      ["&unusedSince=2026-99-01", "unusedSince"],
      ["&resourceId=nope", "resourceId"],
    ] as const) {
      const response = await exportAs(org, "OWNER", query);
      expect(response.status, query).toBe(400);
      expect((await response.json()).message, query).toContain(name);
    }
    const noOrg = await fetch(`${http.base()}/v1/exports/api-keys.csv`, {
      headers: { cookie: org.as.OWNER.headers.cookie ?? "" },
    });
    expect(noOrg.status).toBe(400);
  });
});
