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
    await client.query('ANALYZE "ApiKey"');
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

  it("switches organizations with the member who belongs to both", async () => {
    const switcher = page.getByRole("combobox", { name: "Organization" });
    await switcher.click();
    await page.getByRole("option", { name: "Globex Logistics" }).click();
    await page.getByText("Role: VIEWER").waitFor();
    await expect.poll(async () => (await visibleNames()).some((n) => n.startsWith("bulk-"))).toBe(false);
  });
});
