import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { checkScreen, signIn } from "./support/browser.ts";
import { pageGraphql, setUpConsole } from "./support/console.ts";

// The Overview end to end: the real server on a fresh embedded database with the demo data (usage
// flushed every 200 ms), Debian's chromium, no network beyond 127.0.0.1.
const app = setUpConsole();

/** Creates a key through GraphQL with the page's own session, as the console would, and returns its secret. */
async function createKey(page: Page, name: string): Promise<string> {
  const { organization } = await pageGraphql<{ organization: { id: string } }>(
    page,
    '{ organization(slug: "acme-fleet") { id } }',
  );
  const { createApiKey } = await pageGraphql<{ createApiKey: { secret: string } }>(
    page,
    "mutation C($input: CreateApiKeyInput!) { createApiKey(input: $input) { ... on CreateApiKeyPayload { secret } } }",
    { input: { organizationId: organization.id, name, origins: ["app.example.com"] } },
  );
  return createApiKey.secret;
}

async function verify(key: string, origin: string): Promise<string> {
  return (await app.verify({ key, origin })).code;
}

/** The Overview's usage sentence, e.g. "61,234 verifications in the last 30 days: …", as numbers. */
async function usageSentence(page: Page): Promise<{ total: number; originRefused: number }> {
  const usage = page.getByRole("region", { name: /Verifications per day/ });
  const text = (await usage.getByText(/verifications? in the last 30 days/).textContent()) ?? "";
  const number = (pattern: RegExp) => Number((pattern.exec(text)?.[1] ?? "0").replace(/,/g, ""));
  return { total: number(/^([\d,]+) verification/), originRefused: number(/([\d,]+) origin not allowed/) };
}

describe("the Overview", () => {
  it("is where an owner lands: the demo traffic by day, the busiest keys, refusals, and the keys expiring soon with Renew", async () => {
    const { context, outside } = await app.newContext();
    const page = await signIn(context, "owner@acme.test", "/");
    await expect.poll(() => new URL(page.url()).pathname).toBe("/overview");
    await page.getByRole("heading", { name: "Overview", level: 1 }).waitFor();

    // The demo's 30 days of traffic: a chart with an axis in UTC, and a sentence that adds up.
    const usage = page.getByRole("region", { name: /Verifications per day, last 30 days \(UTC\)/ });
    await usage
      .getByRole("img", { name: /as counts/ })
      .locator("svg")
      .first()
      .waitFor();
    await usage.getByText("Day (UTC)").waitFor();
    const sentence = await usageSentence(page);
    expect(sentence.total).toBeGreaterThan(10_000);
    expect(sentence.originRefused).toBeGreaterThan(0);
    const topKeys = page.getByRole("region", { name: "Top keys by traffic" });
    const topRows = topKeys.getByRole("row");
    await topRows.nth(4).waitFor();
    const cells = async (n: number) => (await topRows.nth(n).getByRole("cell").allTextContents()).slice(0, 2);
    expect([await cells(1), await cells(2), await cells(3), await cells(4)]).toEqual([
      ["Fleet dashboard", "Active"],
      ["Route planner integration", "Expiring"],
      ["Legacy telematics", "Expired"],
      ["Old partner sync", "Revoked"],
    ]);
    const refusals = page.getByRole("region", { name: "Top refusal codes" });
    for (const code of ["EXPIRED", "REVOKED", "ORIGIN_NOT_ALLOWED", "RATE_LIMITED"]) {
      await refusals.getByRole("row").filter({ hasText: code }).waitFor();
    }

    // The keys expiring in the next 30 days, as the server counts and orders them.
    const expiring = page.getByRole("region", { name: "Expiring in the next 30 days" });
    await expiring.getByText("1 key expires in the next 30 days.").waitFor();
    const row = expiring.getByRole("row").filter({ hasText: "Route planner integration" });
    expect(await row.getByRole("cell").first().textContent()).toBe("Route planner integration");
    expect(await row.getByRole("cell").nth(1).textContent()).toMatch(/\((19|20) days\)$/);
    await checkScreen(page, "overview-demo");
    await refusals.scrollIntoViewIfNeeded();
    await checkScreen(page, "overview-demo-lists");

    // Each number leads to the list it counts.
    await page.getByRole("link", { name: /expiring within 90 days: show them/ }).click();
    await expect.poll(() => new URL(page.url()).search).toBe("?status=EXPIRING");
    const grid = page.getByRole("grid", { name: "API keys" });
    await grid.getByRole("row").filter({ hasText: "Route planner integration" }).waitFor();
    await page.goBack();
    await expiring.getByRole("link", { name: "See it in API Keys" }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get("expiresBefore")).toMatch(/^\d{4}-\d\d-\d\d$/);
    expect(new URL(page.url()).searchParams.get("sort")).toBe("EXPIRES_AT");
    await page.getByRole("button", { name: /^Expires before / }).waitFor();
    await grid.getByRole("row").filter({ hasText: "Route planner integration" }).waitFor();
    expect(await grid.getByRole("row").count()).toBe(2);
    await checkScreen(page, "keys-expiring-soon");
    await page.goBack();

    await expiring.getByRole("button", { name: "Renew Route planner integration" }).click();
    const dialog = page.getByRole("dialog", { name: /Renew "Route planner integration"/ });
    await dialog.getByRole("button", { name: "Renew for 12 months" }).waitFor();
    await checkScreen(page, "overview-renew");
    await dialog.getByRole("button", { name: "Renew for 12 months" }).click();
    await page.getByText('"Route planner integration" renewed for 12 months.').waitFor();
    await expiring.getByText("No key expires in the next 30 days.").waitFor();
    expect(outside).toEqual([]);
    await context.close();
  });

  it("adds new verifications to the day's bar, the busiest keys and the refusals", async () => {
    const { context } = await app.newContext();
    const page = await signIn(context, "admin@acme.test", "/");
    await page.getByRole("heading", { name: "Overview", level: 1 }).waitFor();
    const usage = page.getByRole("region", { name: /Verifications per day/ });
    await usage.getByRole("img", { name: /as counts/ }).waitFor();
    const before = await usageSentence(page);
    const secret = await createKey(page, "Overview busy key");
    for (let i = 0; i < 12; i++) expect(await verify(secret, "https://app.example.com")).toBe("VALID");
    for (let i = 0; i < 2; i++) expect(await verify(secret, "https://evil.example.net")).toBe("ORIGIN_NOT_ALLOWED");

    const topKeys = page.getByRole("region", { name: "Top keys by traffic" });
    await expect
      .poll(
        async () => {
          await page.reload();
          await page.getByRole("heading", { name: "Overview", level: 1 }).waitFor();
          return topKeys.getByRole("row").filter({ hasText: "Overview busy key" }).count();
        },
        { timeout: 15_000 },
      )
      .toBe(1);
    const row = topKeys.getByRole("row").filter({ hasText: "Overview busy key" });
    expect(await row.getByRole("cell").allTextContents()).toEqual(["Overview busy key", "Active", "14", "2"]);
    await usage.getByRole("img", { name: /as counts/ }).waitFor();
    expect(await usageSentence(page)).toEqual({
      total: before.total + 14,
      originRefused: before.originRefused + 2,
    });
    await usage
      .getByRole("img", { name: /as counts/ })
      .locator("svg")
      .first()
      .waitFor();
    await checkScreen(page, "overview-usage-counts");
    await usage.getByRole("button", { name: "Share of the day" }).click();
    await usage.getByRole("img", { name: /as shares of each day/ }).waitFor();
    await checkScreen(page, "overview-usage-percent");

    await row.getByRole("link", { name: "Overview busy key" }).click();
    await page.getByRole("dialog", { name: "Overview busy key" }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/keys");
    await context.close();
  });

  it("is one tab among the others for a viewer, who lands on API Keys and sees no Renew", async () => {
    const { context } = await app.newContext();
    const page = await signIn(context, "viewer@acme.test", "/");
    await expect.poll(() => new URL(page.url()).pathname).toBe("/keys");
    await page.getByRole("tab", { name: "Overview" }).click();
    await page.getByRole("heading", { name: "Overview", level: 1 }).waitFor();
    await page.getByRole("region", { name: "Keys by status" }).waitFor();
    expect(await page.getByRole("button", { name: /Renew/ }).count()).toBe(0);
    await page
      .getByRole("img", { name: /as counts/ })
      .locator("svg")
      .first()
      .waitFor();
    await checkScreen(page, "overview-viewer");
    await context.close();
  });
});
