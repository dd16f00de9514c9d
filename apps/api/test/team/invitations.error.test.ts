import { describe, expect, it } from "vitest";
import { useHarness } from "../support/harness.ts";
import {
  acceptInvitation,
  inviteMember,
  orgId,
  result,
  revokeInvitation,
  strongPassword,
  tokenOf,
} from "./documents.ts";

const h = useHarness();

describe("invitation errors", () => {
  it("refuses malformed emails, members, and a second pending invitation, naming the field", async () => {
    const { org, users, as } = await h.newOrganization();
    const invite = (email: string) =>
      as.OWNER.gql(inviteMember, { input: { organizationId: orgId(org.id), email, role: "VIEWER" } });
    expect(result(await invite("not-an-email"))).toMatchObject({ code: "VALIDATION", field: "email" });
    expect(result(await invite(""))).toMatchObject({ code: "VALIDATION", field: "email" });
    expect(result(await invite(users.EDITOR.email.toUpperCase()))).toMatchObject({ code: "CONFLICT" });
    expect(result(await invite("twice@example.test")).__typename).toBe("InviteMemberPayload");
    const twice = result(await invite("twice@example.test"));
    expect(twice).toMatchObject({ code: "CONFLICT" });
    expect(twice.message).toMatch(/resend/);
  });

  it("refuses a weak password or a missing name for a new account, and keeps the invitation usable", async () => {
    const { org, as } = await h.newOrganization();
    const { link } = result(
      await as.OWNER.gql(inviteMember, {
        input: { organizationId: orgId(org.id), email: "w@example.test", role: "VIEWER" },
      }),
    );
    const token = tokenOf(link);
    const weak = result(await h.anonymous.gql(acceptInvitation, { input: { token, name: "W", password: "password" } }));
    expect(weak).toMatchObject({ code: "VALIDATION", field: "password" });
    const noName = result(
      await h.anonymous.gql(acceptInvitation, { input: { token, name: " ", password: strongPassword } }),
    );
    expect(noName).toMatchObject({ code: "VALIDATION", field: "name" });
    const ok = result(
      await h.anonymous.gql(acceptInvitation, { input: { token, name: "W", password: strongPassword } }),
    );
    expect(ok.__typename).toBe("AcceptInvitationPayload");
  });

  it("tells an existing user to sign in instead of creating a second account", async () => {
    const a = await h.newOrganization();
    const b = await h.newOrganization();
    const { link } = result(
      await a.as.OWNER.gql(inviteMember, {
        input: { organizationId: orgId(a.org.id), email: b.users.EDITOR.email, role: "VIEWER" },
      }),
    );
    const answer = result(
      await h.anonymous.gql(acceptInvitation, { input: { token: tokenOf(link), name: "X", password: strongPassword } }),
    );
    expect(answer).toMatchObject({ code: "CONFLICT" });
    expect(answer.message).toMatch(/sign in/);
  });

  it("cannot revoke an accepted invitation", async () => {
    const { org, as } = await h.newOrganization();
    const invited = result(
      await as.OWNER.gql(inviteMember, {
        input: { organizationId: orgId(org.id), email: "acc@example.test", role: "VIEWER" },
      }),
    );
    await h.anonymous.gql(acceptInvitation, {
      input: { token: tokenOf(invited.link), name: "A", password: strongPassword },
    });
    const answer = result(await as.OWNER.gql(revokeInvitation, { input: { id: invited.invitation.id } }));
    expect(answer).toMatchObject({ code: "CONFLICT" });
  });
});
