import { randomBytes } from "node:crypto";
import pg from "pg";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkScreen, isolatedContext, signIn } from "./support/browser.ts";
import { startConsole } from "./support/console.ts";
import type { RunningServer } from "./support/server.ts";

// A partner with 2,000 keys: sort on the server, page forward, reload and land on the same page, go
// Back. The server runs on a throw-away PostgreSQL database so the test can seed the keys in one
// INSERT … SELECT (the embedded database is locked by the server while it runs).
const adminUrl = process.env.TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const database = `tessera_e2e_${randomBytes(4).toString("hex")}`;
const databaseUrl = (() => {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
})();
const keyCount = 2000;

let server: RunningServer;
let browser: Browser;
let admin: { context: BrowserContext; outside: string[] };
let page: Page;

async function seedKeys(): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(
      `INSERT INTO "ApiKey" ("id", "organizationId", "name", "hashedKey", "hint", "apiVersionId", "origins",
         "expiresAt", "createdAt", "updatedAt", "lastUsedAt", "createdByUserId")
       SELECT gen_random_uuid(), o."id", 'bulk-' || lpad(g::text, 4, '0'), md5(o."id"::text || g), 'tsr_b' || g || '…',
         v."id", '{}', now() + (10 + g % 300) * interval '1 day', now() - g * interval '1 minute', now(),
         CASE WHEN g % 4 = 0 THEN NULL ELSE now() - (g % 90) * interval '1 hour' END, u."id"
       FROM generate_series(1, $1::int) AS g
       JOIN "Organization" o ON o."slug" = 'acme-fleet'
       JOIN "ApiVersion" v ON v."organizationId" = o."id" AND v."name" = 'v2'
       JOIN "User" u ON u."email" = 'owner@acme.test'`,
      [keyCount],
    );
    await seedFilterTargets(client);
    await client.query('ANALYZE "ApiKey"');
  } finally {
    await client.end();
  }
}

/** The seeded key's number: `bulk-0042` → 42. */
const bulkNumber = `substring("name" from 6)::int`;

/**
 * What the newer filters find among the seeded keys: 150 more members (so the creator is past the
 * first 100 and must be searched for), keys created by a member among them or by the key `bulk-0001`,
 * and keys restricted to one account or one resource.
 */
async function seedFilterTargets(client: pg.Client): Promise<void> {
  await client.query(
    `INSERT INTO "User" ("id", "email", "name", "passwordHash", "createdAt", "updatedAt")
     SELECT gen_random_uuid(), 'crew-' || lpad(g::text, 3, '0') || '@acme.test', 'Crew Member ' || lpad(g::text, 3, '0'),
       'not-a-hash', now(), now()
     FROM generate_series(0, 149) AS g`,
  );
  await client.query(
    `INSERT INTO "Membership" ("id", "organizationId", "userId", "role")
     SELECT gen_random_uuid(), o."id", u."id", 'VIEWER' FROM "User" u JOIN "Organization" o ON o."slug" = 'acme-fleet'
     WHERE u."email" LIKE 'crew-%@acme.test'`,
  );
  await client.query(
    `UPDATE "ApiKey" SET "createdByUserId" = (SELECT "id" FROM "User" WHERE "email" = 'crew-140@acme.test')
     WHERE "name" LIKE 'bulk-%' AND ${bulkNumber} % 100 = 7`,
  );
  await client.query(
    `UPDATE "ApiKey" SET "createdByKeyId" = (SELECT "id" FROM "ApiKey" WHERE "name" = 'bulk-0001')
     WHERE "name" LIKE 'bulk-%' AND ${bulkNumber} % 50 = 3`,
  );
  await client.query(
    `WITH a AS (
       INSERT INTO "CustomerAccount" ("id", "organizationId", "name", "token", "updatedAt")
       SELECT gen_random_uuid(), "id", 'Zephyr Freight', 'acct_e2e_zephyr', now() FROM "Organization" WHERE "slug" = 'acme-fleet'
       RETURNING "id"),
     k AS (UPDATE "ApiKey" SET "allCustomerAccounts" = false WHERE "name" LIKE 'bulk-%' AND ${bulkNumber} % 40 = 5 RETURNING "id")
     INSERT INTO "ApiKeyCustomerAccount" ("apiKeyId", "customerAccountId") SELECT k."id", a."id" FROM k, a`,
  );
  await client.query(
    `WITH r AS (
       INSERT INTO "Resource" ("id", "organizationId", "kind", "name", "updatedAt")
       SELECT gen_random_uuid(), "id", 'VEHICLE', 'Reefer Truck 42', now() FROM "Organization" WHERE "slug" = 'acme-fleet'
       RETURNING "id"),
     k AS (UPDATE "ApiKey" SET "allResources" = false WHERE "name" LIKE 'bulk-%' AND ${bulkNumber} % 25 = 9 RETURNING "id")
     INSERT INTO "ApiKeyResource" ("apiKeyId", "resourceId") SELECT k."id", r."id" FROM k, r`,
  );
}

/** How many seeded keys match a condition, counted in the database itself. */
async function countKeys(where: string, params: unknown[] = []): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query(
      `SELECT count(*)::int AS n FROM "ApiKey" WHERE "name" LIKE 'bulk-%' AND (${where})`,
      params,
    );
    return rows[0].n;
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  const adminClient = new pg.Client({ connectionString: adminUrl });
  await adminClient.connect();
  await adminClient.query(`CREATE DATABASE "${database}"`);
  await adminClient.end();
  ({ server, browser } = await startConsole({ env: { DATABASE_URL: databaseUrl, TESSERA_SEED_DEMO: "true" } }));
  await seedKeys();
  admin = await isolatedContext(browser, server.url);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  const adminClient = new pg.Client({ connectionString: adminUrl });
  await adminClient.connect();
  await adminClient.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  await adminClient.end();
});

/** The key names on the page, top to bottom. */
const visibleNames = () =>
  page
    .getByRole("grid", { name: "API keys" })
    .getByRole("row")
    .evaluateAll((rows) =>
      rows
        .map((row) => row.querySelector('[data-field="name"]')?.textContent ?? "")
        .filter((text) => text && text !== "Name"),
    );

/** The rows once the page starting with `first` has loaded in full (the names hold the hint after them). */
async function pageStartingWith(first: string, size = 25): Promise<string[]> {
  let names: string[] = [];
  await expect
    .poll(async () => {
      names = await visibleNames();
      return names.length === size && (names[0] ?? "").startsWith(first);
    })
    .toBe(true);
  return names;
}

describe("the console with 2,000 keys", () => {
  it("sorts on the server, pages, and a reload or Back keeps the place", async () => {
    // The member who belongs to both demo organizations, so the switcher is there to use. The search
    // keeps the seeded keys only, whose names sort the same under any collation.
    page = await signIn(admin.context, "partner@both.test", "/keys?q=bulk");
    await page
      .getByText(/of 2[,.]?000/)
      .first()
      .waitFor();

    // Sort by name: the server's order, marked on the header for assistive technology.
    const nameHeader = page.getByRole("columnheader", { name: "Name" });
    await nameHeader.click();
    await expect.poll(() => nameHeader.getAttribute("aria-sort")).toBe("ascending");
    await expect.poll(() => new URL(page.url()).searchParams.get("sort")).toBe("NAME");
    await pageStartingWith("bulk-0001");
    await nameHeader.click();
    await expect.poll(() => nameHeader.getAttribute("aria-sort")).toBe("descending");
    await pageStartingWith("bulk-2000");

    // Page 3 of the descending order (each page's rows load before "next" can follow their last cursor).
    const next = page.getByRole("button", { name: "Go to next page" });
    await next.click();
    await expect.poll(() => new URL(page.url()).searchParams.get("page")).toBe("2");
    await pageStartingWith("bulk-1975");
    await next.click();
    await expect.poll(() => new URL(page.url()).searchParams.get("page")).toBe("3");
    const third = await pageStartingWith("bulk-1950");
    await page.getByText(/^51–75 of 2[,.]?000/).waitFor();
    await checkScreen(page, "keys-2000-sorted-page-3");

    // A reload lands on the same page, same order, same rows.
    await page.reload();
    await expect.poll(() => nameHeader.getAttribute("aria-sort")).toBe("descending");
    expect(await pageStartingWith("bulk-1950")).toEqual(third);
    await page.getByText(/^51–75 of 2[,.]?000/).waitFor();

    // Back returns to page 2, then to page 1.
    await page.goBack();
    await expect.poll(() => new URL(page.url()).searchParams.get("page")).toBe("2");
    await pageStartingWith("bulk-1975");
    await page.goBack();
    await expect.poll(() => new URL(page.url()).searchParams.get("page")).toBeNull();
    await pageStartingWith("bulk-2000");

    // The page size lives in the URL too; keys never used come last.
    await page.goto("/keys?sort=LAST_USED_AT&dir=DESC&size=100");
    await expect.poll(async () => (await visibleNames()).length).toBe(100);
    await page.getByText(/^1–100 of/).waitFor();
    await checkScreen(page, "keys-2000-last-used");
  });

  it("filters by creator (member or key), account, resource, expiry and last use; a reload shows the same rows", async () => {
    const total = async () => {
      const text = (await page.locator(".MuiTablePagination-displayedRows").first().textContent()) ?? "";
      return Number((/of ([\d,.]+)/.exec(text)?.[1] ?? "").replace(/[,.]/g, ""));
    };
    /** A day `offset` days from today as the date field takes it, and the instant the console sends for it. */
    const day = (offset: number) => {
      const d = new Date();
      d.setDate(d.getDate() + offset);
      const text = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
      return { text, start: new Date(d.getFullYear(), d.getMonth(), d.getDate()) };
    };
    const pick = async (label: string, typed: string, option: RegExp) => {
      await page.getByRole("combobox", { name: label }).fill(typed);
      await page.getByRole("option", { name: option }).click();
    };
    const expiry = day(40);
    const lastUse = day(-2);
    const steps = [
      {
        chip: "Created by: Crew Member 140",
        apply: () => pick("Created by member", "crew-140", /Crew Member 140/),
        where: `"createdByUserId" = (SELECT "id" FROM "User" WHERE "email" = 'crew-140@acme.test')`,
      },
      {
        chip: "Created by key: bulk-0001",
        apply: () => pick("Created by key", "bulk-0001", /^bulk-0001/),
        where: `"createdByKeyId" = (SELECT "id" FROM "ApiKey" WHERE "name" = 'bulk-0001')`,
      },
      {
        chip: "Restricted to account: Zephyr Freight",
        apply: () => pick("Restricted to account", "zephyr", /Zephyr Freight/),
        where: `"id" IN (SELECT "apiKeyId" FROM "ApiKeyCustomerAccount")`,
      },
      {
        chip: "Restricted to resource: Reefer Truck 42",
        apply: () => pick("Restricted to resource", "reefer", /Reefer Truck 42/),
        where: `"id" IN (SELECT "apiKeyId" FROM "ApiKeyResource")`,
      },
      {
        chip: /^Expires before /,
        apply: () => page.getByLabel("Expires before").fill(expiry.text),
        where: `"expiresAt" < $1`,
        params: [expiry.start],
      },
      {
        chip: /^Unused since /,
        apply: () => page.getByLabel("Unused since").fill(lastUse.text),
        where: `"lastUsedAt" IS NULL OR "lastUsedAt" < $1`,
        params: [lastUse.start],
      },
    ];

    await page.goto("/keys?q=bulk&sort=NAME");
    await page
      .getByText(/of 2[,.]?000/)
      .first()
      .waitFor();
    await page.getByRole("button", { name: "More filters" }).click();
    for (const step of steps) {
      await step.apply();
      const expected = await countKeys(step.where, step.params);
      expect(expected, String(step.chip)).toBeGreaterThan(0);
      expect(expected, String(step.chip)).toBeLessThan(keyCount);
      await expect.poll(total, { message: String(step.chip) }).toBe(expected);
      const chips = page.getByRole("group", { name: "Filters in force" });
      await chips.getByText(step.chip, { exact: true }).waitFor();
      const rows = await pageStartingWith("bulk-", Math.min(25, expected));
      // A reload keeps the filter (the chip names what was picked) and shows the same rows.
      await page.reload();
      await chips.getByText(step.chip, { exact: true }).waitFor();
      await expect.poll(total, { message: `${step.chip} after reload` }).toBe(expected);
      expect(await pageStartingWith("bulk-", Math.min(25, expected))).toEqual(rows);
      const chipText = typeof step.chip === "string" ? step.chip : step.chip.source.replace("^", "");
      await page.getByRole("img", { name: `Remove the filter ${chipText}` }).click();
      await expect.poll(total).toBe(keyCount);
    }

    // Several at once, the panel open: each narrows the others, and "Clear filters" removes them all.
    await pick("Created by member", "crew-140", /Crew Member 140/);
    const chips = page.getByRole("group", { name: "Filters in force" });
    await chips.getByText("Created by: Crew Member 140", { exact: true }).waitFor();
    await page.getByLabel("Unused since").fill(lastUse.text);
    const both = await countKeys(`${steps[0]?.where} AND (${steps[5]?.where})`, [lastUse.start]);
    await expect.poll(total).toBe(both);
    await checkScreen(page, "keys-filters-open");
    await page.getByRole("button", { name: "Clear filters" }).click();
    await expect.poll(() => new URL(page.url()).search).toBe("?sort=NAME");
    await expect.poll(total).toBeGreaterThan(keyCount);
  });

  it("the Members page lists the first 100 and finds the others by search, kept on reload", async () => {
    await page.goto("/members");
    await page.getByText("The first 100 are shown: search to find the others.").waitFor();
    await page.getByLabel("Search members").fill("CREW-149");
    await page.getByRole("cell", { name: "crew-149@acme.test", exact: true }).waitFor();
    await expect.poll(() => page.getByRole("table", { name: "Members" }).getByRole("row").count()).toBe(2);
    await page.reload();
    await page.getByRole("cell", { name: "crew-149@acme.test", exact: true }).waitFor();
    await checkScreen(page, "members-search");
    await page.getByLabel("Search members").fill("nobody-here");
    await page.getByText("No member matches “nobody-here”.").waitFor();
  });

  it("switches organizations with the member who belongs to both", async () => {
    const switcher = page.getByRole("combobox", { name: "Organization" });
    await switcher.click();
    await page.getByRole("option", { name: "Globex Logistics" }).click();
    await page.getByText("Role: VIEWER").waitFor();
    await expect.poll(async () => (await visibleNames()).some((n) => n.startsWith("bulk-"))).toBe(false);
  });
});
