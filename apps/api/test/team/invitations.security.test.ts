import { describe, expect, it } from "vitest";
import { useHarness } from "../support/harness.ts";
import {
  acceptInvitation,
  invitationsQuery,
  inviteMember,
  orgId,
  resendInvitation,
  result,
  revokeInvitation,
  strongPassword,
  tokenOf,
} from "./documents.ts";

const h = useHarness();

async function invite(fixture: Awaited<ReturnType<typeof h.newOrganization>>, email: string, role = "VIEWER") {
  return result(
    await fixture.as.OWNER.gql(inviteMember, { input: { organizationId: orgId(fixture.org.id), email, role } }),
  );
}
const newAccount = (token: string) => ({ input: { token, name: "Someone", password: strongPassword } });

describe("invitation links", () => {
  it("work once: a used, a revoked and an expired link change nothing", async () => {
    const f = await h.newOrganization();
    const used = await invite(f, "used@example.test");
    expect(result(await h.anonymous.gql(acceptInvitation, newAccount(tokenOf(used.link)))).__typename).toBe(
      "AcceptInvitationPayload",
    );
    const again = result(await h.anonymous.gql(acceptInvitation, newAccount(tokenOf(used.link))));
    expect(again).toMatchObject({ code: "CONFLICT", message: "This invitation has already been used." });

    const revoked = await invite(f, "revoked@example.test");
    await f.as.OWNER.gql(revokeInvitation, { input: { id: revoked.invitation.id } });
    expect(result(await h.anonymous.gql(acceptInvitation, newAccount(tokenOf(revoked.link)))).code).toBe("CONFLICT");

    const expired = await invite(f, "expired@example.test");
    h.clock.advance(7 * 86_400_000 + 1000);
    try {
      const answer = result(await h.anonymous.gql(acceptInvitation, newAccount(tokenOf(expired.link))));
      expect(answer).toMatchObject({ code: "CONFLICT" });
      expect(answer.message).toMatch(/expired/);
      const preview = await h.anonymous.gql("query($t: String!) { invitationByToken(token: $t) { status } }", {
        t: tokenOf(expired.link),
      });
      expect(preview.data?.invitationByToken).toEqual({ status: "EXPIRED" });
    } finally {
      h.clock.advance(-(7 * 86_400_000 + 1000));
    }
    expect(
      await h.db.prisma.user.count({ where: { email: { in: ["revoked@example.test", "expired@example.test"] } } }),
    ).toBe(0);
    const unknown = result(await h.anonymous.gql(acceptInvitation, newAccount("tsi_madeup")));
    expect(unknown.code).toBe("NOT_FOUND");
  });

  it("are for the invited email only: another signed-in member is refused", async () => {
    const f = await h.newOrganization();
    const other = await h.newOrganization();
    const { link } = await invite(f, "someone-else@example.test");
    const answer = result(await other.as.ADMIN.gql(acceptInvitation, { input: { token: tokenOf(link) } }));
    expect(answer.code).toBe("FORBIDDEN");
    const memberships = await h.db.prisma.membership.count({
      where: { organizationId: f.org.id, userId: other.users.ADMIN.id },
    });
    expect(memberships).toBe(0);
  });
});

describe("who manages invitations", () => {
  it("another organization's invitation reads as not found", async () => {
    const f = await h.newOrganization();
    const other = await h.newOrganization();
    const { invitation } = await invite(f, "theirs@example.test");
    for (const mutation of [resendInvitation, revokeInvitation]) {
      const answer = result(await other.as.OWNER.gql(mutation, { input: { id: invitation.id } }));
      expect(answer).toMatchObject({ code: "NOT_FOUND", message: "Invitation not found." });
    }
    const invited = result(
      await other.as.OWNER.gql(inviteMember, {
        input: { organizationId: orgId(f.org.id), email: "x@example.test", role: "VIEWER" },
      }),
    );
    expect(invited.code).toBe("NOT_FOUND");
  });

  it("only owners invite owners; editors and viewers invite nobody; keys cannot, whatever their scopes", async () => {
    const f = await h.newOrganization();
    const attempt = (client: typeof f.as.OWNER, role: string) =>
      client.gql(inviteMember, { input: { organizationId: orgId(f.org.id), email: `${role}-x@example.test`, role } });
    expect(result(await attempt(f.as.ADMIN, "OWNER")).code).toBe("FORBIDDEN");
    expect(result(await attempt(f.as.EDITOR, "VIEWER")).code).toBe("FORBIDDEN");
    expect(result(await attempt(f.as.VIEWER, "VIEWER")).code).toBe("FORBIDDEN");
    const { client: key } = await f.keyClient({ scopes: ["members:read", "keys:write"] });
    expect(result(await attempt(key, "VIEWER")).code).toBe("FORBIDDEN");
    const { client: allKey } = await f.keyClient();
    expect(result(await attempt(allKey, "VIEWER")).code).toBe("FORBIDDEN");
    const { invitation } = await invite(f, "owner-to-be@example.test", "OWNER");
    expect(result(await f.as.ADMIN.gql(revokeInvitation, { input: { id: invitation.id } })).code).toBe("FORBIDDEN");
    expect(result(await key.gql(revokeInvitation, { input: { id: invitation.id } })).code).toBe("FORBIDDEN");
    expect(result(await h.anonymous.gql(revokeInvitation, { input: { id: invitation.id } })).code).toBe(
      "UNAUTHENTICATED",
    );
    expect(await h.db.prisma.invitation.count({ where: { organizationId: f.org.id } })).toBe(1);
  });

  it("lists invitations to owners and admins only", async () => {
    const f = await h.newOrganization();
    await invite(f, "listed@example.test");
    const { client: key } = await f.keyClient({ scopes: ["members:read"] });
    for (const client of [f.as.EDITOR, f.as.VIEWER, key]) {
      const answer = await client.gql(invitationsQuery, { slug: f.org.slug });
      expect(answer.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    }
    const admin = await f.as.ADMIN.gql(invitationsQuery, { slug: f.org.slug });
    expect(admin.data?.organization.invitations.totalCount).toBe(1);
  });

  it.skipIf(process.env.TEST_DB !== "postgres")(
    "two accepts of one link at once: exactly one account joins",
    async () => {
      const f = await h.newOrganization();
      const { link } = await invite(f, "racer@example.test");
      const answers = await Promise.all(
        [1, 2, 3].map(() => h.anonymous.gql(acceptInvitation, newAccount(tokenOf(link)))),
      );
      const kinds = answers.map((a) => result(a).__typename);
      expect(kinds.filter((k) => k === "AcceptInvitationPayload")).toHaveLength(1);
      expect(kinds.filter((k) => k === "ConflictError")).toHaveLength(2);
      expect(await h.db.prisma.user.count({ where: { email: "racer@example.test" } })).toBe(1);
      expect(
        await h.db.prisma.membership.count({
          where: { organizationId: f.org.id, user: { email: "racer@example.test" } },
        }),
      ).toBe(1);
    },
  );
});
