import type { BrowserContext } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { checkScreen, signIn } from "./support/browser.ts";
import { setUpConsole } from "./support/console.ts";

// The Webhooks screen: an owner adds an endpoint and sees its signing secret once; an editor, whom
// the API refuses webhooks, does not get the screen in the navigation.
const app = setUpConsole();
let owner: { context: BrowserContext; outside: string[] };

beforeAll(async () => {
  owner = await app.newContext();
});

describe("the Webhooks screen", () => {
  it("adds an endpoint, shows its signing secret once, rotates it, sends a test and lists the delivery", async () => {
    const page = await signIn(owner.context, "owner@acme.test", "/webhooks");
    await page.getByRole("heading", { name: "Webhooks" }).waitFor();
    await page.getByRole("button", { name: "Add endpoint" }).click();
    const dialog = page.getByRole("dialog", { name: "Add webhook endpoint" });
    await dialog.getByLabel("URL").fill("https://hooks.example.test/tessera");
    await dialog.getByLabel("Key expiring").check();
    await checkScreen(page, "webhooks-create");
    await dialog.getByRole("button", { name: "Add endpoint" }).click();

    const secretDialog = page.getByRole("dialog", { name: "Signing secret for https://hooks.example.test/tessera" });
    const first = await secretDialog.getByLabel("Webhook signing secret").textContent();
    expect(first).toMatch(/^whsec_/);
    await checkScreen(page, "webhooks-secret");
    await secretDialog.getByRole("button", { name: "Copy secret" }).click();
    await secretDialog.getByRole("button", { name: "Done" }).click();
    // Shown once: nowhere on the page afterwards.
    expect(await page.getByText(first as string).count()).toBe(0);

    const card = page.getByRole("region", { name: "Endpoint https://hooks.example.test/tessera" });
    await card.getByText("Key expiring").waitFor();
    await card.getByRole("button", { name: "Rotate secret" }).click();
    const rotated = await page.getByLabel("Webhook signing secret").textContent();
    expect(rotated).toMatch(/^whsec_/);
    expect(rotated).not.toBe(first);
    await page.getByRole("button", { name: "Copy secret" }).click();
    await page.getByRole("button", { name: "Done" }).click();

    await card.getByRole("button", { name: "Send test" }).click();
    await card.getByRole("cell", { name: "webhook.test" }).waitFor();
    // The switch follows the server: it turns once the change is saved.
    await card.getByLabel("Enabled").click();
    await card.getByText("Disabled").waitFor();
    await checkScreen(page, "webhooks-list");
    expect(owner.outside).toEqual([]);
  });

  it("an editor has no Webhooks section, and the API refuses the screen's query", async () => {
    const editor = await app.newContext();
    const page = await signIn(editor.context, "editor@acme.test", "/webhooks");
    await page.getByRole("heading", { name: "Webhooks" }).waitFor();
    expect(await page.getByRole("navigation", { name: "Sections" }).getByText("Webhooks").count()).toBe(0);
    await page.getByText(/does not allow reading this/).waitFor();
    expect(await page.getByRole("button", { name: "Add endpoint" }).count()).toBe(0);
    await checkScreen(page, "webhooks-editor");
  });
});
