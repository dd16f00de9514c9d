import { describe, expect, it } from "vitest";
import { checkScreen, signIn } from "./support/browser.ts";
import { setUpConsole } from "./support/console.ts";

// The Members page and its dialogs on the demo data, where Tessera sends no email: the invitation link
// is shown once to the admin, EDITOR and VIEWER get a read-only page, and anyone may start an
// organization from the switcher.
const app = setUpConsole();

describe("the members console without email", () => {
  it("shows an invitation link once, changes a role, and a viewer sees it all read-only", async () => {
    const admin = await app.newContext();
    const page = await signIn(admin.context, "admin@acme.test", "/members");
    await page.getByRole("heading", { name: "Members" }).waitFor();
    await checkScreen(page, "members-admin");

    await page.getByRole("button", { name: "+ Invite member" }).click();
    const invite = page.getByRole("dialog", { name: "Invite a member" });
    await invite.getByLabel("Email").fill("newcomer@acme.test");
    // An admin cannot offer the OWNER role.
    await invite.getByLabel("Role").click();
    expect(await page.getByRole("option").allTextContents()).not.toContain(expect.stringMatching(/^Owner/));
    await page.getByRole("option", { name: /^Editor/ }).click();
    await invite.getByRole("button", { name: "Send invitation" }).click();
    const linkDialog = page.getByRole("dialog", { name: "Invitation link for newcomer@acme.test" });
    const link = (await linkDialog.getByLabel("Invitation link").textContent()) ?? "";
    expect(link).toMatch(/\/invitations\/tsi_[0-9A-Za-z]{43}$/);
    await checkScreen(page, "members-invitation-link");
    await linkDialog.getByRole("button", { name: "Done" }).click();
    await page.getByRole("cell", { name: "newcomer@acme.test", exact: true }).waitFor();

    await page.getByRole("button", { name: "Change role of viewer@acme.test" }).click();
    const change = page.getByRole("dialog", { name: "Change the role of viewer@acme.test" });
    await change.getByLabel("Role").click();
    await page.getByRole("option", { name: /^Editor/ }).click();
    await checkScreen(page, "members-change-role");
    await change.getByRole("button", { name: "Save role" }).click();
    await page.getByText("viewer@acme.test is now editor.").waitFor();
    const viewerRow = page.getByRole("row").filter({ hasText: "viewer@acme.test" });
    await viewerRow.getByRole("cell", { name: "Editor", exact: true }).waitFor();
    await page.getByRole("button", { name: "Change role of viewer@acme.test" }).click();
    await page.getByRole("dialog", { name: "Change the role of viewer@acme.test" }).getByLabel("Role").click();
    await page.getByRole("option", { name: /^Viewer/ }).click();
    await page.getByRole("button", { name: "Save role" }).click();
    await page.getByText("viewer@acme.test is now viewer.").waitFor();
    await viewerRow.getByRole("cell", { name: "Viewer", exact: true }).waitFor();

    await page.getByRole("button", { name: "Remove editor@acme.test" }).click();
    await page.getByRole("dialog", { name: "Remove editor@acme.test?" }).waitFor();
    await checkScreen(page, "members-remove-confirm");
    await page.getByRole("button", { name: "Cancel" }).click();

    const viewer = await app.newContext();
    const viewerPage = await signIn(viewer.context, "viewer@acme.test", "/members");
    await viewerPage.getByText("Only owners and admins can invite and manage members.").waitFor();
    expect(await viewerPage.getByRole("button", { name: "+ Invite member" }).count()).toBe(0);
    expect(await viewerPage.getByRole("button", { name: /Change role of/ }).count()).toBe(0);
    expect(await viewerPage.getByText("Pending invitations").count()).toBe(0);
    await checkScreen(viewerPage, "members-viewer");

    // The invited person opens the link in a browser of their own.
    const newcomer = await app.newContext();
    const newcomerPage = await newcomer.context.newPage();
    // Without TESSERA_PUBLIC_URL the link names localhost:4000; the path is what matters here.
    await newcomerPage.goto(new URL(link).pathname);
    await newcomerPage.getByRole("heading", { name: "Join Acme Fleet" }).waitFor();
    expect([...admin.outside, ...viewer.outside, ...newcomer.outside]).toEqual([]);
  });

  it("creates an organization from the switcher and switches to it", async () => {
    const editor = await app.newContext();
    const page = await signIn(editor.context, "editor@acme.test", "/keys");
    await page.getByLabel("Organization").click();
    await page.getByRole("option", { name: "+ Create organization" }).click();
    const dialog = page.getByRole("dialog", { name: "Create organization" });
    await dialog.getByRole("textbox", { name: "Name", exact: true }).fill("Editor's Side Project");
    await expect.poll(() => dialog.getByLabel("Slug").inputValue()).toBe("editor-s-side-project");
    await checkScreen(page, "create-organization");
    await dialog.getByRole("button", { name: "Create organization" }).click();
    await page.getByText("Role: OWNER").waitFor();
    await expect.poll(() => page.getByLabel("Organization").textContent()).toContain("Editor's Side Project");
  });

  it("forgot password without email says to ask an owner; a reset link page asks for the password twice", async () => {
    const anonymous = await app.newContext();
    const page = await anonymous.context.newPage();
    await page.goto("/forgot-password");
    await page.getByText(/This Tessera does not send email/).waitFor();
    await checkScreen(page, "forgot-password-no-email");
    await page.goto("/reset-password?token=tsp_unknown");
    await page.getByRole("textbox", { name: "New password", exact: true }).fill("a quiet meadow of copper kites");
    await page.getByLabel("Repeat the new password").fill("a quiet meadow of copper kites");
    await page.getByRole("button", { name: "Save password and sign in" }).click();
    await page.getByText("This link is not valid. Ask for a new one.").waitFor();
    await checkScreen(page, "reset-password-invalid");
  });
});
