import { describe, expect, it } from "vitest";
import { useHarness } from "../support/harness.ts";
import {
  leaveOrganization,
  membersQuery,
  orgId,
  removeMember,
  result,
  searchMembers,
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

  it("search finds members beyond the first 100 by part of the email or name, any case, trimmed", async () => {
    const { org, as } = await h.newOrganization();
    // 130 more viewers: the plain list stops at 100, so the last ones are reached only by searching.
    const users = await Promise.all(
      Array.from({ length: 130 }, (_, i) =>
        h.db.prisma.user.create({
          data: {
            email: `crew-${String(i).padStart(3, "0")}-${org.slug}@example.test`,
            name: i === 128 ? "Zoë Quartermaine" : null,
            passwordHash: "x",
          },
        }),
      ),
    );
    await h.db.prisma.membership.createMany({
      data: users.map((u) => ({ organizationId: org.id, userId: u.id, role: "VIEWER" as const })),
    });
    const all = await searchMembers(as.VIEWER, org.slug, null);
    expect(all.emails).toHaveLength(100);
    expect(all.emails).not.toContain(`crew-129-${org.slug}@example.test`);
    expect((await searchMembers(as.VIEWER, org.slug, "  CREW-129 ")).emails).toEqual([
      `crew-129-${org.slug}@example.test`,
    ]);
    expect((await searchMembers(as.VIEWER, org.slug, "quarterMAINE")).emails).toEqual([
      `crew-128-${org.slug}@example.test`,
    ]);
    // Role first, then email, as the plain list: OWNER, ADMIN, EDITOR, then the viewers with "crew-" before "viewer-".
    const tagged = await searchMembers(as.VIEWER, org.slug, org.slug.replace("org-", ""));
    expect(tagged.emails?.slice(0, 4).map((e) => e.split("-")[0])).toEqual(["owner", "admin", "editor", "crew"]);
    expect(tagged.emails).toHaveLength(100);
    expect((await searchMembers(as.VIEWER, org.slug, "   ")).emails).toHaveLength(100);
    expect((await searchMembers(as.VIEWER, org.slug, "nobody-has-this")).emails).toEqual([]);
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
