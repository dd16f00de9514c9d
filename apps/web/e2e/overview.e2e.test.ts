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

describe("the Overview", () => {
  it("is where an owner lands: empty usage, keys by status linking to the list, expiring keys with Renew", async () => {
    const { context, outside } = await app.newContext();
    const page = await signIn(context, "owner@acme.test", "/");
    await expect.poll(() => new URL(page.url()).pathname).toBe("/overview");
    await page.getByRole("heading", { name: "Overview", level: 1 }).waitFor();
    const usage = page.getByRole("region", { name: /Verifications per day, last 30 days \(UTC\)/ });
    await usage.getByText("No verifications in the last 30 days.").waitFor();
    await page.getByRole("region", { name: "Top keys by traffic" }).getByText("No key was used").waitFor();
    const expiring = page.getByRole("region", { name: "Expiring in the next 30 days" });
    await expiring.getByRole("row").filter({ hasText: "Route planner integration" }).waitFor();
    await checkScreen(page, "overview-empty");

    // Each number leads to the list it counts.
    await page.getByRole("link", { name: /expiring within 90 days: show them/ }).click();
    await expect.poll(() => new URL(page.url()).search).toBe("?status=EXPIRING");
    await page.getByRole("row").filter({ hasText: "Route planner integration" }).waitFor();
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

  it("shows verifications by day and outcome, the busiest keys and the refusals once keys are used", async () => {
    const { context } = await app.newContext();
    const page = await signIn(context, "admin@acme.test", "/");
    await page.getByRole("heading", { name: "Overview", level: 1 }).waitFor();
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
    const refusals = page.getByRole("region", { name: "Top refusal codes" });
    await refusals.getByRole("row").filter({ hasText: "Origin not allowed" }).filter({ hasText: "2" }).waitFor();
    const usage = page.getByRole("region", { name: /Verifications per day/ });
    await usage.getByText("14 verifications in the last 30 days: 12 valid, 2 origin not allowed.").waitFor();
    await usage
      .getByRole("img", { name: /as counts/ })
      .locator("svg")
      .first()
      .waitFor();
    await usage.getByText("Day (UTC)").waitFor();
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
