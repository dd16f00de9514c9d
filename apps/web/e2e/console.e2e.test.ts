import type { BrowserContext, Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { initialJsBudgetBytes, initialJsGzipBytes } from "../scripts/bundle-size.ts";
import { distDir } from "../scripts/source-hash.ts";
import { checkScreen, signIn } from "./support/browser.ts";
import { setUpConsole } from "./support/console.ts";

// The console end to end: the real server on a fresh embedded database, Debian's chromium, no network
// beyond 127.0.0.1. One browser; one context per person.
const app = setUpConsole();
let owner: { context: BrowserContext; outside: string[] };
let page: Page;
let restrictedSecret: string;

/** `POST /v1/keys/verify` from the test process, as the partner's backend would call it. */
const verify = (key: string, scope: string, origin: string) => app.verify({ key, scope, origin });

beforeAll(async () => {
  owner = await app.newContext();
});

/** The row of the keys table whose name cell holds `name`. */
const keyRow = (name: string) => page.getByRole("row").filter({ hasText: name });

async function openKeyAction(name: string, action: string) {
  await keyRow(name)
    .getByRole("button", { name: `Actions for ${name}` })
    .click();
  await page.getByRole("menuitem", { name: action }).click();
}

describe("the partner console", () => {
  it("keeps its initial JavaScript under 300 KB gzipped", () => {
    const { bytes } = initialJsGzipBytes(distDir);
    expect(bytes).toBeLessThan(initialJsBudgetBytes);
  });

  it("sends a signed-out deep link to sign-in and back to the same URL after", async () => {
    page = await signIn(owner.context, "owner@acme.test", "/keys?status=EXPIRING");
    await expect.poll(() => new URL(page.url()).search).toBe("?status=EXPIRING");
    await page.getByRole("row").filter({ hasText: "Route planner integration" }).waitFor();
    expect(await page.getByRole("row").filter({ hasText: "Fleet dashboard" }).count()).toBe(0);
    await page.reload();
    await page.getByRole("row").filter({ hasText: "Route planner integration" }).waitFor();
    await checkScreen(page, "api-keys-filtered");
  });

  it("creates a restricted key and shows its secret once", async () => {
    await page.goto("/keys");
    await page.getByRole("button", { name: "Add API key" }).click();
    const dialog = page.getByRole("dialog", { name: "Add API key" });
    await dialog.getByRole("textbox", { name: "Name", exact: true }).fill("E2E restricted");
    await dialog.getByRole("checkbox", { name: "All data scopes" }).uncheck();
    await dialog.getByLabel("Chosen data scopes").fill("vehicles:r");
    await page.getByRole("option", { name: /vehicles:read/ }).click();
    const origins = dialog.getByLabel("Allowed origins");
    await origins.fill("https://bad.example.com");
    await expect.poll(() => dialog.getByText(/is not a valid origin/).count()).toBe(1);
    await origins.fill("app.example.com");
    await origins.press("Enter");
    await dialog.getByRole("button", { name: "90 days" }).click();
    await checkScreen(page, "api-key-create");
    // Manage Tessera: nothing by default; a Viewer key cannot take a write scope; an Editor key can,
    // with a plain warning. Switching back to Viewer lets the write scope go.
    const manageKeys = dialog.getByRole("checkbox", { name: /keys:write/ });
    expect(await manageKeys.isChecked()).toBe(false);
    expect(await manageKeys.isDisabled()).toBe(true);
    await dialog.getByRole("radio", { name: /Editor/ }).check();
    await manageKeys.check();
    const warning = dialog.getByRole("alert").filter({ hasText: "Anyone holding this key can change Tessera itself" });
    await warning.getByText(/revoke and delete API keys/).waitFor();
    await warning.scrollIntoViewIfNeeded();
    await checkScreen(page, "api-key-create-manage-tessera");
    await dialog.getByRole("radio", { name: /Viewer/ }).check();
    await warning.waitFor({ state: "detached" });
    await dialog.getByRole("button", { name: "Create key" }).click();

    const secretDialog = page.getByRole("dialog", { name: /Your new API key "E2E restricted"/ });
    const secret = (await secretDialog.getByTestId("api-key-secret").textContent()) ?? "";
    expect(secret).toMatch(/^tsr_[0-9A-Za-z]+_[0-9A-Za-z]+$/);
    await checkScreen(page, "api-key-secret");
    await secretDialog.getByRole("button", { name: "Close" }).click();
    await secretDialog.getByText("You have not copied the secret").waitFor();
    await secretDialog.getByRole("button", { name: "Copy secret" }).click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
    await secretDialog.getByRole("button", { name: "Done" }).click();
    await secretDialog.waitFor({ state: "detached" });

    await keyRow("E2E restricted").waitFor();
    expect(await page.content()).not.toContain(secret);
    restrictedSecret = secret;
    await openKeyAction("E2E restricted", "Details");
    const details = page.getByRole("dialog", { name: "E2E restricted" });
    await details.getByText("vehicles:read").waitFor();
    await details.getByText("app.example.com").waitFor();
    await details.getByText("Cannot manage Tessera").waitFor();
    await details.getByText("No verifications in the last 30 days.").waitFor();
    await details.getByRole("button", { name: "Close details" }).click();

    // The partner's backend checks the key within its restrictions; the refused origin is the control.
    expect(await verify(secret, "vehicles:read", "https://app.example.com")).toMatchObject({
      valid: true,
      code: "VALID",
    });
    expect(await verify(secret, "vehicles:read", "https://evil.example.net")).toMatchObject({
      valid: false,
      code: "ORIGIN_NOT_ALLOWED",
    });
    // Usage is flushed every 200 ms here: reopening the drawer shows both verifications in the chart.
    await expect
      .poll(async () => {
        await openKeyAction("E2E restricted", "Details");
        const summary = await details.getByText(/verifications? in the last 30 days/).textContent();
        await details.getByRole("button", { name: "Close details" }).click();
        await details.waitFor({ state: "detached" });
        return summary;
      })
      .toBe("2 verifications in the last 30 days: 1 valid, 1 origin not allowed.");
    await openKeyAction("E2E restricted", "Details");
    const chart = details.getByRole("img", { name: /^Verifications per day by outcome/ });
    await chart.locator("svg").first().waitFor();
    await chart.evaluate((element) => element.scrollIntoView({ block: "end" }));
    await checkScreen(page, "api-key-details");
    await details.getByRole("button", { name: "Close details" }).click();

    await openKeyAction("E2E restricted", "Edit");
    const edit = page.getByRole("dialog", { name: 'Edit "E2E restricted"' });
    await edit.getByText("Role, secret and expiry cannot be edited").waitFor();
    await edit.getByLabel("Description").fill("Reads vehicles for the e2e partner");
    await edit.getByRole("button", { name: "Save" }).click();
    await page.getByText("API key saved.").waitFor();
  });

  it("revokes the key with a reason, and then offers no renewal", async () => {
    await openKeyAction("E2E restricted", "Revoke");
    const confirm = page.getByRole("dialog", { name: 'Revoke "E2E restricted"?' });
    await confirm.getByLabel("Reason (optional)").fill("e2e: leaked in a log");
    await confirm.getByRole("button", { name: "Revoke key" }).click();
    await page.getByText('"E2E restricted" revoked.').waitFor();
    await keyRow("E2E restricted").getByText("Revoked").waitFor();
    // Revoked in the console means refused at the very next verification.
    expect(await verify(restrictedSecret, "vehicles:read", "https://app.example.com")).toMatchObject({
      valid: false,
      code: "REVOKED",
    });
    await keyRow("E2E restricted").getByRole("button", { name: "Actions for E2E restricted" }).click();
    const renew = page.getByRole("menuitem", { name: /Renew/ });
    await expect.poll(() => renew.getAttribute("aria-disabled")).toBe("true");
    await expect.poll(() => renew.textContent()).toContain("Revoked keys cannot be renewed");
    await page.keyboard.press("Escape");
  });

  it("renews an expiring key for 12 months", async () => {
    await openKeyAction("Route planner integration", "Renew");
    await page.getByRole("button", { name: "Renew for 12 months" }).click();
    await page.getByText('"Route planner integration" renewed for 12 months.').waitFor();
    await keyRow("Route planner integration").getByText("Active").waitFor();
  });

  it("opens a key's details from the link in expiry emails (/keys?key=<database id>)", async () => {
    const response = await page.request.post("/graphql", {
      headers: { "content-type": "application/json", "x-graphql-yoga-csrf": "1" },
      data: {
        query: '{ organization(slug: "acme-fleet") { apiKeys(filter: { search: "Route planner" }) { nodes { id } } } }',
      },
    });
    const globalId: string = (await response.json()).data.organization.apiKeys.nodes[0].id;
    const databaseId = Buffer.from(globalId, "base64").toString("utf8").split(":")[1];
    await page.goto(`/keys?key=${databaseId}`);
    await page.getByRole("dialog", { name: "Route planner integration" }).waitFor();
    await page.keyboard.press("Escape");
    await expect.poll(() => new URL(page.url()).searchParams.has("key")).toBe(false);
  });

  it("deletes a key that owns resources, transferring them to a member", async () => {
    await openKeyAction("Fleet dashboard", "Delete");
    const confirm = page.getByRole("dialog", { name: 'Delete "Fleet dashboard"?' });
    await confirm.getByText("Dashboard project").waitFor();
    await confirm.getByLabel("New owner").click();
    await page.getByRole("option", { name: /admin@acme.test/ }).click();
    await checkScreen(page, "api-key-delete");
    await confirm.getByRole("button", { name: "Transfer and delete" }).click();
    await page.getByText('"Fleet dashboard" deleted.').waitFor();
    await keyRow("Fleet dashboard").waitFor({ state: "detached" });
    await checkScreen(page, "api-keys");
  });

  it("copies and rotates an account token", async () => {
    await page.getByRole("tab", { name: "Account Tokens" }).click();
    const row = page.getByRole("row").filter({ hasText: "Northwind Haulage" });
    await row.waitFor();
    const masked = (await row.getByLabel(/Token of Northwind Haulage, masked/).textContent()) ?? "";
    await row.hover();
    await row.getByRole("button", { name: "Copy token of Northwind Haulage" }).click();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied.slice(0, 6)).toBe(masked.slice(0, 6));
    await checkScreen(page, "account-tokens");

    await row.getByRole("button", { name: "Actions for Northwind Haulage" }).click();
    await page.getByRole("menuitem", { name: "Rotate token" }).click();
    await page.getByText("The old token stops working at once").waitFor();
    await page.getByRole("button", { name: "Rotate token" }).click();
    await page.getByText('New token for "Northwind Haulage". The old one no longer works.').waitFor();
    await expect.poll(() => row.getByLabel(/masked/).textContent()).not.toBe(masked);
  });

  it("shows those events in the audit log", async () => {
    await page.getByRole("tab", { name: "Audit log" }).click();
    const grid = page.getByRole("grid", { name: "Audit events" });
    for (const action of ["Key created", "Key revoked", "Key renewed", "Key deleted", "Account token rotated"]) {
      await grid.getByText(action).first().waitFor();
    }
    await checkScreen(page, "audit-log");
  });

  it("renders GraphiQL from Tessera alone and runs the viewer query with the session", async () => {
    const explorer = await owner.context.newPage();
    await explorer.goto(`/graphql?query=${encodeURIComponent("{ viewer { user { email } } }")}`);
    await explorer.getByRole("button", { name: /Execute query/ }).click();
    await explorer.getByText('"owner@acme.test"').waitFor({ timeout: 20_000 });
    await explorer.screenshot({ path: `${import.meta.dirname}/screenshots/graphiql.png` });
    await explorer.close();
    expect(owner.outside).toEqual([]);
  });

  it("gives a VIEWER a read-only console", async () => {
    const { context } = await app.newContext();
    const viewer = await signIn(context, "viewer@acme.test");
    await viewer.getByRole("row").filter({ hasText: "Tessera automation" }).waitFor();
    await viewer.getByText("Role: VIEWER").waitFor();
    const writes = /Add|Edit|Renew|Revoke|Delete|Rotate|Change status/;
    expect(await viewer.getByRole("button", { name: writes }).count()).toBe(0);
    await viewer.getByRole("button", { name: "Actions for Tessera automation" }).click();
    expect(await viewer.getByRole("menuitem").allTextContents()).toEqual(["Details"]);
    // The demo's one management key says what it can manage.
    await viewer.getByRole("menuitem", { name: "Details" }).click();
    const details = viewer.getByRole("dialog", { name: "Tessera automation" });
    await details.getByText("Can manage:").waitFor();
    await details.getByText("keys:write").waitFor();
    await checkScreen(viewer, "api-key-details-management");
    await details.getByRole("button", { name: "Close details" }).click();
    await details.waitFor({ state: "detached" });
    await checkScreen(viewer, "api-keys-viewer");
    await viewer.getByRole("tab", { name: "Account Tokens" }).click();
    await viewer.getByRole("row").filter({ hasText: "Northwind Haulage" }).waitFor();
    expect(await viewer.getByRole("button", { name: writes }).count()).toBe(0);
    expect(await viewer.getByRole("tab", { name: "Audit log" }).count()).toBe(0);

    // The session ends (expired or revoked elsewhere): the next screen sends them to sign-in, and
    // signing in again returns to where they were going.
    await context.clearCookies();
    await viewer.getByRole("tab", { name: "API Keys" }).click();
    await expect.poll(() => new URL(viewer.url()).pathname).toBe("/sign-in");
    expect(new URL(viewer.url()).searchParams.get("next")).toBe("/keys");
    await context.close();
  });

  it("never shows another organization's data", async () => {
    const { context } = await app.newContext();
    const globex = await signIn(context, "owner@globex.test");
    await globex.getByRole("row").filter({ hasText: "Globex warehouse" }).waitFor();
    const text = await globex.locator("main").textContent();
    for (const acme of ["Tessera automation", "Route planner integration", "E2E restricted"]) {
      expect(text).not.toContain(acme);
    }
    await globex.getByRole("tab", { name: "Account Tokens" }).click();
    await globex.getByRole("row").filter({ hasText: "Globex Retail" }).waitFor();
    expect(await globex.locator("main").textContent()).not.toContain("Northwind Haulage");
    await context.close();
  });
});
