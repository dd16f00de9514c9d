import { describe, expect, it } from "vitest";
import { useHarness } from "../support/harness.ts";
import {
  acceptInvitation,
  clientFromCookie,
  invitationsQuery,
  inviteMember,
  orgId,
  resendInvitation,
  result,
  revokeInvitation,
  strongPassword,
  tokenOf,
} from "./documents.ts";

const h = useHarness({ team: { publicUrl: "https://tessera.example.com/" } });

describe("inviting members without email", () => {
  it("returns the link once; a new user accepts with name and password, is signed in and holds the role", async () => {
    const { org, users, as } = await h.newOrganization();
    const invited = result(
      await as.ADMIN.gql(inviteMember, {
        input: { organizationId: orgId(org.id), email: " New.Person@Example.TEST ", role: "EDITOR" },
      }),
    );
    expect(invited.__typename).toBe("InviteMemberPayload");
    expect(invited.link).toMatch(/^https:\/\/tessera\.example\.com\/invitations\/tsi_[0-9A-Za-z]{43}$/);
    expect(invited.invitation).toMatchObject({
      email: "new.person@example.test",
      role: "EDITOR",
      status: "PENDING",
      invitedBy: { email: users.ADMIN.email },
    });
    const days = (Date.parse(invited.invitation.expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.99);
    expect(days).toBeLessThanOrEqual(7);
    // Only the hash is stored.
    const row = await h.db.prisma.invitation.findFirstOrThrow({ where: { email: "new.person@example.test" } });
    expect(row.tokenHash).not.toContain(tokenOf(invited.link));

    const preview = await h.anonymous.gql(
      "query($t: String!) { invitationByToken(token: $t) { email role organizationName status } }",
      { t: tokenOf(invited.link) },
    );
    expect(preview.data?.invitationByToken).toEqual({
      email: "new.person@example.test",
      role: "EDITOR",
      organizationName: org.name,
      status: "PENDING",
    });

    const accepted = await h.anonymous.gql(acceptInvitation, {
      input: { token: tokenOf(invited.link), name: "New Person", password: strongPassword },
    });
    expect(result(accepted)).toMatchObject({ __typename: "AcceptInvitationPayload", organizationSlug: org.slug });
    const member = clientFromCookie(h, accepted);
    const me = await member.gql("{ viewer { user { email name } organizations { slug viewerRole } } }");
    expect(me.data?.viewer.user).toEqual({ email: "new.person@example.test", name: "New Person" });
    expect(me.data?.viewer.organizations).toEqual([{ slug: org.slug, viewerRole: "EDITOR" }]);

    const list = await as.OWNER.gql(invitationsQuery, { slug: org.slug });
    expect(list.data?.organization.invitations.nodes[0]).toMatchObject({ status: "ACCEPTED" });
    const actions = await h.db.prisma.auditEvent.findMany({
      where: { organizationId: org.id, action: { in: ["member.invited", "member.joined"] } },
      orderBy: { createdAt: "asc" },
    });
    expect(actions.map((a) => [a.action, a.actorLabel])).toEqual([
      ["member.invited", users.ADMIN.email],
      ["member.joined", "new.person@example.test"],
    ]);
  });

  it("lets an existing user accept while signed in as the invited email", async () => {
    const a = await h.newOrganization();
    const b = await h.newOrganization();
    const invited = result(
      await a.as.OWNER.gql(inviteMember, {
        input: { organizationId: orgId(a.org.id), email: b.users.VIEWER.email, role: "ADMIN" },
      }),
    );
    const accepted = result(await b.as.VIEWER.gql(acceptInvitation, { input: { token: tokenOf(invited.link) } }));
    expect(accepted).toMatchObject({ __typename: "AcceptInvitationPayload", sessionExpiresAt: null });
    const me = await b.as.VIEWER.gql("{ viewer { organizations { slug viewerRole } } }");
    expect(me.data?.viewer.organizations).toEqual(
      expect.arrayContaining([
        { slug: a.org.slug, viewerRole: "ADMIN" },
        { slug: b.org.slug, viewerRole: "VIEWER" },
      ]),
    );
  });

  it("resend issues a new link and kills the old one; revoke kills the link; the list filters by status", async () => {
    const { org, as } = await h.newOrganization();
    const first = result(
      await as.ADMIN.gql(inviteMember, {
        input: { organizationId: orgId(org.id), email: "later@example.test", role: "VIEWER" },
      }),
    );
    const resent = result(await as.ADMIN.gql(resendInvitation, { input: { id: first.invitation.id } }));
    expect(resent.link).not.toBe(first.link);
    const old = result(
      await h.anonymous.gql(acceptInvitation, {
        input: { token: tokenOf(first.link), name: "L", password: strongPassword },
      }),
    );
    expect(old.code).toBe("NOT_FOUND");

    const revoked = result(await as.ADMIN.gql(revokeInvitation, { input: { id: first.invitation.id } }));
    expect(revoked.invitation.status).toBe("REVOKED");
    const pending = await as.ADMIN.gql(invitationsQuery, { slug: org.slug, status: "PENDING" });
    expect(pending.data?.organization.invitations.totalCount).toBe(0);
    const all = await as.ADMIN.gql(invitationsQuery, { slug: org.slug, status: "REVOKED" });
    expect(all.data?.organization.invitations.nodes).toHaveLength(1);
    const audit = await h.db.prisma.auditEvent.count({
      where: { organizationId: org.id, action: { in: ["invitation.resent", "invitation.revoked"] } },
    });
    expect(audit).toBe(2);
  });
});
