import type { BrowserContext, Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { checkScreen, signIn } from "./support/browser.ts";
import { setUpConsole } from "./support/console.ts";

// Settings end to end: an admin adds a data scope, grants it to a new key, the partner's backend
// verifies with it, the admin retires it and the very next verification is INSUFFICIENT_SCOPE.
const app = setUpConsole();
let admin: { context: BrowserContext; outside: string[] };
let page: Page;

/** `POST /v1/keys/verify` from the test process, as the partner's backend would call it. */
async function verify(key: string, scope: string) {
  return { answer: await app.verify({ key, scope }) };
}

beforeAll(async () => {
  admin = await app.newContext();
});

describe("Settings: the scope catalogue and API versions", () => {
  it("a scope added in Settings is granted to a new key, verifies, and after retiring answers INSUFFICIENT_SCOPE", async () => {
    page = await signIn(admin.context, "admin@acme.test", "/settings");
    await page.getByRole("heading", { name: "Scopes" }).waitFor();
    await page.getByRole("button", { name: "Add scope" }).click();
    const add = page.getByRole("dialog", { name: "Add scope" });
    await add.getByLabel("Name").fill("Fuel cards");
    await add.getByText("Use resource:action in lower case").waitFor();
    await add.getByLabel("Name").fill("fuel-cards:read");
    await add.getByLabel("Description").fill("Read fuel cards and their limits.");
    await checkScreen(page, "settings-scope-create");
    await add.getByRole("button", { name: "Add scope" }).click();
    await page.getByText('Scope "fuel-cards:read" added').waitFor();
    await page.getByRole("row").filter({ hasText: "fuel-cards:read" }).waitFor();

    // Grant it to a new key in the keys screen.
    await page.getByRole("tab", { name: "API Keys" }).click();
    await page.getByRole("button", { name: "Add API key" }).click();
    const create = page.getByRole("dialog", { name: "Add API key" });
    await create.getByRole("textbox", { name: "Name", exact: true }).fill("E2E fuel cards");
    await create.getByRole("checkbox", { name: "All data scopes" }).uncheck();
    await create.getByLabel("Chosen data scopes").fill("fuel");
    await page.getByRole("option", { name: /fuel-cards:read/ }).click();
    await create.getByRole("button", { name: "Create key" }).click();
    const secretDialog = page.getByRole("dialog", { name: /Your new API key "E2E fuel cards"/ });
    const secret = (await secretDialog.getByTestId("api-key-secret").textContent()) ?? "";
    await secretDialog.getByRole("button", { name: "Copy secret" }).click();
    await secretDialog.getByRole("button", { name: "Done" }).click();
    expect((await verify(secret, "fuel-cards:read")).answer).toMatchObject({ valid: true, code: "VALID" });

    // Retire it: the confirmation says what stops verifying; the next verification is refused.
    await page.getByRole("tab", { name: "Settings" }).click();
    const row = page.getByRole("row").filter({ hasText: "fuel-cards:read" });
    await expect.poll(() => row.getByRole("cell").nth(3).textContent()).toBe("1");
    await row.getByRole("button", { name: "Retire fuel-cards:read" }).click();
    const confirm = page.getByRole("dialog", { name: "Retire fuel-cards:read?" });
    await confirm.getByText(/answers INSUFFICIENT_SCOPE, on every instance: the 1 key holds it by name/).waitFor();
    await checkScreen(page, "settings-scope-retire");
    await confirm.getByRole("button", { name: "Retire scope" }).click();
    await page.getByText('Scope "fuel-cards:read" retired.').waitFor();
    await row.getByText(/^Retired/).waitFor();
    expect((await verify(secret, "fuel-cards:read")).answer).toMatchObject({
      valid: false,
      code: "INSUFFICIENT_SCOPE",
    });
    await checkScreen(page, "settings");

    // A new key is not offered the retired scope.
    await page.getByRole("tab", { name: "API Keys" }).click();
    await page.getByRole("button", { name: "Add API key" }).click();
    await create.getByRole("checkbox", { name: "All data scopes" }).uncheck();
    await create.getByLabel("Chosen data scopes").fill("fuel");
    await page.getByText("No options").waitFor();
    await create.getByRole("button", { name: "Cancel" }).click();
    expect(admin.outside).toEqual([]);
  });

  it("deprecating a version with a sunset date flags every key on it in the keys table", async () => {
    await page.goto("/settings");
    await page.getByRole("heading", { name: "API versions" }).waitFor();
    // The demo's v1 is deprecated already; give v2's keys a reason to move: add v3, make it the default.
    await page.getByRole("button", { name: "Add version" }).click();
    const add = page.getByRole("dialog", { name: "Add API version" });
    await add.getByLabel("Name").fill("v3");
    await add.getByLabel("Description").fill("Trips and fuel cards.");
    await add.getByRole("button", { name: "Add version" }).click();
    await page.getByText("API version v3 added.").waitFor();
    await page.getByRole("button", { name: "Make default v3" }).click();
    await page.getByText("New keys now get v3.").waitFor();
    await page.getByRole("button", { name: "Deprecate v2" }).click();
    const dialog = page.getByRole("dialog", { name: "Deprecate v2?" });
    await dialog.getByText(/keep working, also after the sunset/).waitFor();
    await checkScreen(page, "settings-version-deprecate");
    await dialog.getByRole("button", { name: "Deprecate version" }).click();
    await page.getByText(/API version v2 deprecated; sunset/).waitFor();
    // The demo's v2 is described "Current API.".
    const v2 = page.getByRole("row").filter({ hasText: "Current API." });
    await v2.getByText(/^Deprecated · sunset/).waitFor();
    await checkScreen(page, "settings-versions");

    await page.getByRole("tab", { name: "API Keys" }).click();
    await page.getByRole("row").filter({ hasText: "E2E fuel cards" }).getByText("Deprecated").waitFor();
    await checkScreen(page, "api-keys-deprecated-version");
  });

  it("a VIEWER reads Settings without any control that changes them", async () => {
    const viewer = await app.newContext();
    const viewerPage = await signIn(viewer.context, "viewer@acme.test", "/settings");
    await viewerPage.getByText("Owners and admins change these settings; you can read them.").waitFor();
    await viewerPage
      .getByRole("row")
      .filter({ hasText: "fuel-cards:read" })
      .getByText(/^Retired/)
      .waitFor();
    for (const name of [/Add scope/, /Add version/, /^Retire/, /^Describe/, /^Deprecate/, /Make default/]) {
      expect(await viewerPage.getByRole("button", { name }).count(), String(name)).toBe(0);
    }
    await checkScreen(viewerPage, "settings-read-only");
    await viewer.context.close();
  });
});
