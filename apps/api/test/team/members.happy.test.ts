import { describe, expect, it } from "vitest";
import { useHarness } from "../support/harness.ts";
import {
  leaveOrganization,
  membersQuery,
  orgId,
  removeMember,
  result,
  updateMemberRole,
  userGid,
} from "./documents.ts";

const h = useHarness();

describe("managing members", () => {
  it("an owner promotes, an admin demotes an editor, and both are audited with a webhook-ready event", async () => {
    const { org, users, as } = await h.newOrganization();
    const promote = result(
      await as.OWNER.gql(updateMemberRole, {
        input: { organizationId: orgId(org.id), userId: userGid(users.VIEWER.id), role: "OWNER" },
      }),
    );
    expect(promote.member).toEqual({ role: "OWNER", user: { email: users.VIEWER.email } });
    const demote = result(
      await as.ADMIN.gql(updateMemberRole, {
        input: { organizationId: orgId(org.id), userId: userGid(users.EDITOR.id), role: "VIEWER" },
      }),
    );
    expect(demote.member.role).toBe("VIEWER");
    const events = await h.db.prisma.auditEvent.findMany({
      where: { organizationId: org.id, action: "member.role_changed" },
      orderBy: { createdAt: "asc" },
    });
    expect(events.map((e) => e.changes)).toEqual([
      { role: { from: "VIEWER", to: "OWNER" } },
      { role: { from: "EDITOR", to: "VIEWER" } },
    ]);
  });

  it("lists members with role, join time and last activity", async () => {
    const { org, as } = await h.newOrganization();
    const answer = await as.VIEWER.gql(membersQuery, { slug: org.slug });
    const members = answer.data?.organization.members;
    expect(members.map((m: { role: string }) => m.role)).toEqual(["OWNER", "ADMIN", "EDITOR", "VIEWER"]);
    expect(members[0].joinedAt).toBeTruthy();
    expect(members[0].lastActiveAt).toBeTruthy();
  });

  it("a removed member loses access at the next request; their keys keep working and keep createdBy", async () => {
    const { org, users, as, keyClient } = await h.newOrganization();
    const other = await h.newOrganization();
    // The editor also belongs to another organization: that session stays valid there.
    await h.db.prisma.membership.create({
      data: { organizationId: other.org.id, userId: users.EDITOR.id, role: "VIEWER" },
    });
    const { key } = await keyClient();
    await h.db.prisma.apiKey.update({ where: { id: key.id }, data: { createdByUserId: users.EDITOR.id } });
    expect(
      (await as.EDITOR.gql("query($s: String!) { organization(slug: $s) { id } }", { s: org.slug })).data?.organization,
    ).not.toBeNull();

    const removed = result(
      await as.ADMIN.gql(removeMember, { input: { organizationId: orgId(org.id), userId: userGid(users.EDITOR.id) } }),
    );
    expect(removed.removedUserId).toBe(userGid(users.EDITOR.id));
    const after = await as.EDITOR.gql("query($s: String!) { organization(slug: $s) { id } }", { s: org.slug });
    expect(after.data?.organization).toBeNull();
    const elsewhere = await as.EDITOR.gql("{ viewer { organizations { slug } } }");
    expect(elsewhere.data?.viewer.organizations).toEqual([{ slug: other.org.slug }]);
    const stillThere = await h.db.prisma.apiKey.findUniqueOrThrow({ where: { id: key.id } });
    expect(stillThere).toMatchObject({ createdByUserId: users.EDITOR.id, revokedAt: null });
    expect(await h.db.prisma.auditEvent.count({ where: { organizationId: org.id, action: "member.removed" } })).toBe(1);
  });

  it("a member leaves; an owner leaves when another owner remains", async () => {
    const { org, users, as } = await h.newOrganization();
    expect(
      result(await as.VIEWER.gql(leaveOrganization, { input: { organizationId: orgId(org.id) } })).__typename,
    ).toBe("LeaveOrganizationPayload");
    await as.OWNER.gql(updateMemberRole, {
      input: { organizationId: orgId(org.id), userId: userGid(users.ADMIN.id), role: "OWNER" },
    });
    expect(result(await as.OWNER.gql(leaveOrganization, { input: { organizationId: orgId(org.id) } })).__typename).toBe(
      "LeaveOrganizationPayload",
    );
    const left = await h.db.prisma.auditEvent.count({ where: { organizationId: org.id, action: "member.left" } });
    expect(left).toBe(2);
    expect(await h.db.prisma.membership.count({ where: { organizationId: org.id, role: "OWNER" } })).toBe(1);
  });
});
