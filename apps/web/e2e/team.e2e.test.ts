import { type SmtpPeer, startSmtpPeer } from "@tessera/api/testing/smtp-peer";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkScreen, isolatedContext } from "./support/browser.ts";
import { startConsole } from "./support/console.ts";
import { freePort, type RunningServer } from "./support/server.ts";

// From an empty database to a working team, as a new operator meets Tessera: the setup link in the
// server log, an invitation that travels by real SMTP, a second person accepting it in their own
// browser, and that person creating a key that verifies. No demo data anywhere.
let server: RunningServer;
let browser: Browser;
let smtp: SmtpPeer;
const ownerPassword = "a quiet meadow of copper kites";
const adminPassword = "seven lanterns over the harbour";
const adminEmail = "ada.admin@newco.test";

beforeAll(async () => {
  smtp = await startSmtpPeer();
  const port = await freePort();
  ({ server, browser } = await startConsole({
    demo: false,
    port,
    env: {
      SMTP_URL: smtp.url,
      TESSERA_PUBLIC_URL: `http://127.0.0.1:${port}`,
      // Deliver the outbox every second, so the invitation arrives quickly.
      TESSERA_SCHEDULER_INTERVAL: "1",
    },
  }));
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await smtp?.close();
});

describe("a new Tessera", () => {
  it("goes from an empty database to an owner, an invited admin and a key that verifies", async () => {
    // 1. The server logs the setup link once; the sign-in page points to it.
    const logged = /"setupUrl":"([^"]+)"/.exec(server.output());
    expect(logged, server.output()).not.toBeNull();
    const setupUrl = logged?.[1] as string;
    expect(setupUrl).toMatch(/\/setup\?token=tsu_/);
    const owner = await isolatedContext(browser, server.url);
    const page = await owner.context.newPage();
    await page.goto("/sign-in");
    await page.getByText("This Tessera has no owner yet: open the setup link from the server log").waitFor();
    await checkScreen(page, "team-sign-in-no-owner");

    // 2. Setup: the first owner and the organization.
    await page.goto(setupUrl);
    await page.getByLabel("Your name").fill("Olga Owner");
    await page.getByLabel("Email").fill("olga@newco.test");
    await page.getByLabel("Password").fill(ownerPassword);
    await page.getByLabel("Organization name").fill("NewCo Logistics");
    await expect.poll(() => page.getByLabel("Organization slug").inputValue()).toBe("newco-logistics");
    await checkScreen(page, "team-setup");
    await page.getByRole("button", { name: "Create owner and organization" }).click();
    await page.getByRole("heading", { name: "Members" }).waitFor();
    await page.getByRole("cell", { name: "olga@newco.test (you)" }).waitFor();
    // Setup is gone now.
    expect((await fetch(`${server.url}/setup`, { headers: { accept: "text/html" } })).status).toBe(404);

    // 3. Invite an admin: with SMTP set, the link goes by email (no link shown).
    await page.getByRole("button", { name: "+ Invite member" }).click();
    const invite = page.getByRole("dialog", { name: "Invite a member" });
    await invite.getByLabel("Email").fill(adminEmail);
    await invite.getByLabel("Role").click();
    await page.getByRole("option", { name: /^Admin/ }).click();
    await checkScreen(page, "team-invite-dialog");
    await invite.getByRole("button", { name: "Send invitation" }).click();
    await invite.waitFor({ state: "detached" });
    await page.getByRole("cell", { name: adminEmail, exact: true }).waitFor();
    await checkScreen(page, "team-members");

    // 4. The invitation arrives at the real SMTP peer.
    await expect
      .poll(() => smtp.received.find((m) => m.envelopeTo.includes(adminEmail)), { timeout: 30_000 })
      .toBeTruthy();
    const mail = smtp.received.find((m) => m.envelopeTo.includes(adminEmail));
    expect(mail?.mail.subject).toBe("You are invited to NewCo Logistics on Tessera");
    const link = /http:\/\/127\.0\.0\.1:\d+\/invitations\/tsi_[0-9A-Za-z]+/.exec(mail?.mail.text ?? "")?.[0];
    expect(link).toBeTruthy();
    // The server log never carries the invitation token.
    expect(server.output()).not.toContain((link as string).split("/invitations/")[1]);

    // 5. The admin accepts in a browser of their own.
    const admin = await isolatedContext(browser, server.url);
    const adminPage = await admin.context.newPage();
    await adminPage.goto(link as string);
    await adminPage.getByRole("heading", { name: "Join NewCo Logistics" }).waitFor();
    await adminPage.getByLabel("Your name").fill("Ada Admin");
    await adminPage.getByLabel("Choose a password").fill(adminPassword);
    await checkScreen(adminPage, "team-accept-invitation");
    await adminPage.getByRole("button", { name: "Create account and join" }).click();
    await adminPage.getByRole("button", { name: "Account menu" }).waitFor();
    await adminPage.getByText("Role: ADMIN").waitFor();

    // 6. The new admin creates a key, and it verifies.
    await adminPage.getByRole("button", { name: "Add API key" }).click();
    const dialog = adminPage.getByRole("dialog", { name: "Add API key" });
    await dialog.getByRole("textbox", { name: "Name", exact: true }).fill("NewCo backend");
    await dialog.getByRole("button", { name: "Create key" }).click();
    const secretDialog = adminPage.getByRole("dialog", { name: /Your new API key "NewCo backend"/ });
    const secret = (await secretDialog.getByTestId("api-key-secret").textContent()) ?? "";
    expect(secret).toMatch(/^tsr_/);
    const verified = await fetch(`${server.url}/v1/keys/verify`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ key: secret }),
    });
    expect(await verified.json()).toMatchObject({ valid: true, code: "VALID", apiVersion: "v1" });

    // 7. The owner sees the admin as a member, and the invitation is no longer pending.
    await page.reload();
    await page.getByRole("cell", { name: adminEmail, exact: true }).waitFor();
    await page.getByText("No pending invitations.").waitFor();
    await checkScreen(page, "team-members-after");

    // 8. Forgot password (email is on here).
    const anonymous = await isolatedContext(browser, server.url);
    const forgot = await anonymous.context.newPage();
    await forgot.goto("/sign-in");
    await forgot.getByRole("link", { name: "Forgot password?" }).click();
    await forgot.getByLabel("Email").fill(adminEmail);
    await forgot.getByRole("button", { name: "Send reset link" }).click();
    await forgot.getByText(/If an account uses this address/).waitFor();
    await checkScreen(forgot, "team-forgot-password");
    expect([...owner.outside, ...admin.outside, ...anonymous.outside]).toEqual([]);
  });
});
