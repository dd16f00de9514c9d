import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { createAccountAs } from "../accounts/documents.ts";
import type { OrgFixture } from "../support/harness.ts";
import { useHarness } from "../support/harness.ts";
import { useHttpServer } from "../support/http-server.ts";
import { createKey } from "./support.ts";

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
