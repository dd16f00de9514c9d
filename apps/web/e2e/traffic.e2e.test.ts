import type { BrowserContext, Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { checkScreen, signIn } from "./support/browser.ts";
import { pageGraphql, setUpConsole } from "./support/console.ts";

// Traffic control in the console, end to end: an owner gives a key two named rate limits, credits with
// a monthly refill and an IP allowlist, with the server's own validation as they type; the details
// show them; an edit of the remaining credits is audited from/to; and the partner's backend verifying
// from outside the list is refused IP_NOT_ALLOWED, which the key's usage then shows. Then a customer
// account's limits, shared by every key used with its token: set on create, shown on the row, enforced
// by verification, raised by an edit; a viewer sees them but cannot change them.
const app = setUpConsole();
let owner: { context: BrowserContext; outside: string[] };
let page: Page;
let secret: string;
const name = "E2E traffic";

beforeAll(async () => {
  owner = await app.newContext();
});

const details = () => page.getByRole("dialog", { name });

async function openKeyAction(action: string) {
  await page
    .getByRole("row")
    .filter({ hasText: name })
    .getByRole("button", { name: `Actions for ${name}` })
    .click();
  await page.getByRole("menuitem", { name: action }).click();
}

async function closeDetails() {
  await details().getByRole("button", { name: "Close details" }).click();
  await details().waitFor({ state: "detached" });
}

describe("traffic control in the console", () => {
  it("checks limits, credits and addresses as they are typed, and creates the key", async () => {
    page = await signIn(owner.context, "owner@acme.test", "/keys");
    await page.getByRole("button", { name: "Add API key" }).click();
    const dialog = page.getByRole("dialog", { name: "Add API key" });
    await dialog.getByLabel("Name", { exact: true }).first().fill(name);
    await dialog.getByText("No rate limits: the key is unlimited.").waitFor();
    await dialog.getByText("Off: the key's usage is unlimited.").scrollIntoViewIfNeeded();
    await checkScreen(page, "api-key-create-traffic-empty");

    // The allowlist refuses what the server would, as it is typed, and keeps entries normalized.
    const allowlist = dialog.getByLabel("IP allowlist");
    await allowlist.fill("10.0.0.0/33");
    await dialog.getByText('"10.0.0.0/33" is not a valid CIDR range: an IPv4 prefix is 0–32 bits.').waitFor();
    await allowlist.fill("api.partner.example");
    await dialog.getByText(/"api\.partner\.example" looks like a hostname/).waitFor();
    for (const entry of ["203.0.113.7", "10.1.2.3/8", "2001:DB8:0:0::1"]) {
      await allowlist.fill(entry);
      await allowlist.press("Enter");
    }
    for (const chip of ["203.0.113.7", "10.0.0.0/8", "2001:db8::1"]) {
      await dialog.getByText(chip, { exact: true }).waitFor();
    }

    // Two named limits: the second starts as a copy of the first, which the server would refuse.
    await dialog.getByRole("button", { name: "Add rate limit" }).click();
    await dialog.getByRole("button", { name: "Add rate limit" }).click();
    const alert = dialog.getByRole("alert");
    await alert.getByText('The rate limit "requests" is listed twice.').waitFor();
    const second = dialog.getByRole("group", { name: "Rate limit 2" });
    await second.getByLabel("Name", { exact: true }).fill("Bulk Export");
    await alert.getByText(/"Bulk Export" is not a valid rate limit name/).waitFor();

    // Credits with a monthly refill.
    await dialog.getByLabel("Limit usage with credits").check();
    await dialog.getByLabel("Remaining credits").fill("500");
    await dialog.getByLabel("Refill", { exact: true }).click();
    await page.getByRole("option", { name: "Monthly" }).click();
    await dialog.getByLabel("Refill to").fill("1000");
    await dialog.getByLabel("On day").fill("1");
    await allowlist.fill("10.0.0.0/33");
    await second.scrollIntoViewIfNeeded();
    await checkScreen(page, "api-key-create-traffic-errors");
    // Nothing to send the server would refuse: the dialog waits for the limits to be fixed.
    expect(await dialog.getByRole("button", { name: "Create key" }).isDisabled()).toBe(true);

    await allowlist.fill("");
    await second.getByLabel("Name", { exact: true }).fill("bulk_export");
    await second.getByLabel("Limit", { exact: true }).fill("2");
    await second.getByLabel("Window (s)", { exact: true }).fill("3600");
    await second.getByLabel("Always", { exact: true }).uncheck();
    await alert.waitFor({ state: "detached" });
    await checkScreen(page, "api-key-create-traffic");
    await dialog.getByRole("button", { name: "Create key" }).click();

    const secretDialog = page.getByRole("dialog", { name: `Your new API key "${name}"` });
    secret = (await secretDialog.getByTestId("api-key-secret").textContent()) ?? "";
    expect(secret).toMatch(/^tsr_/);
    await secretDialog.getByRole("button", { name: "Copy secret" }).click();
    await secretDialog.getByRole("button", { name: "Done" }).click();
    await secretDialog.waitFor({ state: "detached" });
  });

  it("shows the limits, remaining credits, refill and allowlist in the details", async () => {
    await openKeyAction("Details");
    const table = details().getByRole("table", { name: "Key details" });
    await table.getByText("requests: 100 per minute (always)").waitFor();
    await table.getByText("bulk_export: 2 per hour").waitFor();
    await table.getByText("500 remaining, refilled to 1,000 monthly on day 1").waitFor();
    for (const entry of ["203.0.113.7", "10.0.0.0/8", "2001:db8::1"]) await table.getByText(entry).waitFor();
    await table.getByText("IP allowlist").scrollIntoViewIfNeeded();
    await checkScreen(page, "api-key-details-traffic");
    await closeDetails();
  });

  it("sets the remaining credits, and the audit log shows the change from and to", async () => {
    await openKeyAction("Edit");
    const edit = page.getByRole("dialog", { name: `Edit "${name}"` });
    await expect.poll(() => edit.getByLabel("Remaining credits").inputValue()).toBe("500");
    await edit.getByLabel("Remaining credits").fill("250");
    await edit.getByRole("button", { name: "Save" }).click();
    await page.getByText("API key saved.").waitFor();
    await openKeyAction("Details");
    await details().getByText("250 remaining, refilled to 1,000 monthly on day 1").waitFor();
    await closeDetails();

    await page.getByRole("tab", { name: "Audit log" }).click();
    const grid = page.getByRole("grid", { name: "Audit events" });
    const edited = grid.getByRole("row").filter({ hasText: "Key edited" }).filter({ hasText: name }).first();
    await edited.getByRole("button", { name: /^Details of Key edited/ }).click();
    const changes = page.getByRole("region", { name: "Audit event details" }).getByRole("table", { name: "Changes" });
    // Only what changed: the limits were sent again as they were.
    expect(await changes.getByRole("rowheader").allTextContents()).toEqual(["credits"]);
    const [from, to] = await changes.getByRole("row").nth(1).getByRole("cell").allTextContents();
    expect(from).toContain("remaining: 500");
    expect(to).toContain("remaining: 250");
    expect(to).toContain("refill: (amount: 1000, interval: MONTHLY, dayOfMonth: 1)");
    await checkScreen(page, "audit-credits-changed");
    await page.keyboard.press("Escape");
    await page.getByRole("tab", { name: "API Keys" }).click();
  });

  it("refuses a verification from outside the allowlist and admits one inside, and the usage shows both", async () => {
    expect(await app.verify({ key: secret, ip: "198.51.100.9" })).toMatchObject({
      valid: false,
      code: "IP_NOT_ALLOWED",
    });
    // Refused before any limit or credit: the valid answer next still has 250 credits to spend from.
    expect(await app.verify({ key: secret, ip: "10.200.0.1" })).toMatchObject({
      valid: true,
      code: "VALID",
      creditsRemaining: 249,
    });
    expect(await app.verify({ key: secret, ip: "2001:db8::1" })).toMatchObject({ valid: true, code: "VALID" });

    // Usage is flushed every 200 ms here (support/server.ts): reopening the drawer shows the refusal.
    await expect
      .poll(async () => {
        await openKeyAction("Details");
        const summary = await details()
          .getByText(/verifications? in the last 30 days/)
          .textContent();
        await closeDetails();
        return summary;
      })
      .toBe("3 verifications in the last 30 days: 2 valid, 1 IP not allowed.");
    await openKeyAction("Details");
    const chart = details().getByRole("img", { name: /^Verifications per day by outcome/ });
    await chart.getByText("IP not allowed").waitFor();
    await chart.evaluate((element) => element.scrollIntoView({ block: "end" }));
    await checkScreen(page, "api-key-details-traffic-usage");
    await closeDetails();
    expect(owner.outside).toEqual([]);
  });
});

describe("rate limits shared by a customer account", () => {
  const account = "E2E pooled account";
  let accounts: Page;
  let token: string;
  const row = (on: Page) => on.getByRole("row").filter({ hasText: account });

  it("adds an account with a limit of 2 per hour, checked as it is typed, and shows it on its row", async () => {
    // The owner's profile is signed in already (the key tests above).
    accounts = await owner.context.newPage();
    await accounts.goto("/accounts");
    await accounts.getByRole("button", { name: "Add account" }).click();
    const dialog = accounts.getByRole("dialog", { name: "Add customer account" });
    await dialog.getByText("No rate limits: the account is unlimited.").waitFor();
    await checkScreen(accounts, "account-create-limits-empty");

    await dialog.getByLabel("Account name").fill(account);
    await dialog.getByRole("button", { name: "Add rate limit" }).click();
    const limit = dialog.getByRole("group", { name: "Rate limit 1" });
    await limit.getByLabel("Name", { exact: true }).fill("hourly");
    await limit.getByLabel("Limit", { exact: true }).fill("2");
    await limit.getByLabel("Window (s)", { exact: true }).fill("36000000");
    await dialog
      .getByRole("alert")
      .getByText(/"hourly" needs a duration in whole seconds from 1 s/)
      .waitFor();
    await checkScreen(accounts, "account-create-limits-error");
    expect(await dialog.getByRole("button", { name: "Create account" }).isDisabled()).toBe(true);

    await limit.getByLabel("Window (s)", { exact: true }).fill("3600");
    await dialog.getByRole("alert").waitFor({ state: "detached" });
    await checkScreen(accounts, "account-create-limits");
    await dialog.getByRole("button", { name: "Create account" }).click();
    await accounts.getByText(`Account "${account}" created.`).waitFor();

    await row(accounts).getByText("1 limit", { exact: true }).hover();
    await accounts.getByRole("tooltip").getByText("hourly: 2 per hour (always)").waitFor();
    await checkScreen(accounts, "account-tokens-limits");
    await accounts.mouse.move(0, 0);

    await row(accounts)
      .getByRole("button", { name: `Copy token of ${account}` })
      .click();
    token = await accounts.evaluate(() => navigator.clipboard.readText());
    expect(token).toMatch(/^tat_/);
  });

  it("refuses the third verification in the hour naming the limit, and admits again once it is raised", async () => {
    const { organization } = await pageGraphql<{ organization: { id: string } }>(
      accounts,
      '{ organization(slug: "acme-fleet") { id } }',
    );
    const { createApiKey } = await pageGraphql<{ createApiKey: { secret: string } }>(
      accounts,
      "mutation C($input: CreateApiKeyInput!) { createApiKey(input: $input) { ... on CreateApiKeyPayload { secret } } }",
      { input: { organizationId: organization.id, name: "E2E pooled key" } },
    );
    const verify = () => app.verify({ key: createApiKey.secret, accountToken: token });
    expect((await verify()).code).toBe("VALID");
    expect((await verify()).code).toBe("VALID");
    expect(await verify()).toMatchObject({
      valid: false,
      code: "RATE_LIMITED",
      ratelimit: { name: "hourly", limit: 2, remaining: 0 },
    });

    await row(accounts)
      .getByRole("button", { name: `Actions for ${account}` })
      .click();
    await accounts.getByRole("menuitem", { name: "Edit rate limits" }).click();
    const edit = accounts.getByRole("dialog", { name: `Edit "${account}"` });
    const limit = edit.getByRole("group", { name: "Rate limit 1" }).getByLabel("Limit", { exact: true });
    expect(await limit.inputValue()).toBe("2");
    await limit.fill("5");
    await checkScreen(accounts, "account-edit-limits");
    await edit.getByRole("button", { name: "Save limits" }).click();
    await accounts.getByText(`Rate limits of "${account}" saved.`).waitFor();
    await row(accounts).getByText("1 limit", { exact: true }).hover();
    await accounts.getByRole("tooltip").getByText("hourly: 5 per hour (always)").waitFor();
    expect(await verify()).toMatchObject({ valid: true, code: "VALID" });
  });

  it("shows a viewer the limits but no action to change them", async () => {
    const viewer = await app.newContext();
    const page = await signIn(viewer.context, "viewer@acme.test", "/accounts");
    await row(page).getByText("1 limit", { exact: true }).waitFor();
    expect(await page.getByRole("button", { name: "Add account" }).count()).toBe(0);
    expect(
      await row(page)
        .getByRole("button", { name: `Actions for ${account}` })
        .count(),
    ).toBe(0);
    await viewer.context.close();
    expect(viewer.outside).toEqual([]);
  });
});
