import { describe, expect, it } from "vitest";
import { useHarness } from "../support/harness.ts";
import {
  leaveOrganization,
  orgId,
  removeMember,
  result,
  searchMembers,
  updateMemberRole,
  userGid,
} from "./documents.ts";

const h = useHarness();

describe("who manages members", () => {
  it("an admin can neither promote to owner, touch an owner, nor change another admin", async () => {
    const { org, users, as } = await h.newOrganization();
    const other = await h.db.prisma.user.create({
      data: { email: `admin2-${org.slug}@example.test`, passwordHash: "x" },
    });
    await h.db.prisma.membership.create({ data: { organizationId: org.id, userId: other.id, role: "ADMIN" } });
    const change = (userId: string, role: string) =>
      as.ADMIN.gql(updateMemberRole, { input: { organizationId: orgId(org.id), userId: userGid(userId), role } });
    expect(result(await change(users.VIEWER.id, "OWNER")).code).toBe("FORBIDDEN");
    expect(result(await change(users.ADMIN.id, "OWNER")).code).toBe("FORBIDDEN");
    expect(result(await change(users.OWNER.id, "VIEWER")).code).toBe("FORBIDDEN");
    expect(result(await change(other.id, "VIEWER")).code).toBe("FORBIDDEN");
    const remove = (userId: string) =>
      as.ADMIN.gql(removeMember, { input: { organizationId: orgId(org.id), userId: userGid(userId) } });
    expect(result(await remove(users.OWNER.id)).code).toBe("FORBIDDEN");
    expect(result(await remove(other.id)).code).toBe("FORBIDDEN");
    const roles = await h.db.prisma.membership.findMany({ where: { organizationId: org.id }, select: { role: true } });
    expect(roles.map((r) => r.role).sort()).toEqual(["ADMIN", "ADMIN", "EDITOR", "OWNER", "VIEWER"]);
  });

  it("editors, viewers, keys and other organizations cannot manage members", async () => {
    const { org, users, as, keyClient } = await h.newOrganization();
    const other = await h.newOrganization();
    const { client: key } = await keyClient();
    const input = { organizationId: orgId(org.id), userId: userGid(users.VIEWER.id), role: "EDITOR" };
    for (const client of [as.EDITOR, as.VIEWER, key]) {
      expect(result(await client.gql(updateMemberRole, { input })).code).toBe("FORBIDDEN");
      const { role: _role, ...removal } = input;
      expect(result(await client.gql(removeMember, { input: removal })).code).toBe("FORBIDDEN");
    }
    expect(result(await key.gql(leaveOrganization, { input: { organizationId: orgId(org.id) } })).code).toBe(
      "FORBIDDEN",
    );
    expect(result(await other.as.OWNER.gql(updateMemberRole, { input })).code).toBe("NOT_FOUND");
    const { client: otherKey } = await other.keyClient();
    expect(result(await otherKey.gql(updateMemberRole, { input })).code).toBe("NOT_FOUND");
    expect(result(await h.anonymous.gql(updateMemberRole, { input })).code).toBe("UNAUTHENTICATED");
    expect(
      await h.db.prisma.membership.findFirst({ where: { organizationId: org.id, userId: users.VIEWER.id } }),
    ).toMatchObject({
      role: "VIEWER",
    });
  });

  it.skipIf(process.env.TEST_DB !== "postgres")(
    "the last two owners demoting each other at once: one owner remains",
    async () => {
      for (let round = 0; round < 3; round++) {
        const { org, users, as } = await h.newOrganization();
        await as.OWNER.gql(updateMemberRole, {
          input: { organizationId: orgId(org.id), userId: userGid(users.ADMIN.id), role: "OWNER" },
        });
        const [a, b] = await Promise.all([
          as.OWNER.gql(updateMemberRole, {
            input: { organizationId: orgId(org.id), userId: userGid(users.ADMIN.id), role: "ADMIN" },
          }),
          as.ADMIN.gql(updateMemberRole, {
            input: { organizationId: orgId(org.id), userId: userGid(users.OWNER.id), role: "ADMIN" },
          }),
        ]);
        const kinds = [result(a).__typename, result(b).__typename];
        expect(kinds.filter((k) => k === "UpdateMemberRolePayload")).toHaveLength(1);
        expect(await h.db.prisma.membership.count({ where: { organizationId: org.id, role: "OWNER" } })).toBe(1);
        // And two owners each demoting themselves at once.
        const second = await h.newOrganization();
        await second.as.OWNER.gql(updateMemberRole, {
          input: { organizationId: orgId(second.org.id), userId: userGid(second.users.ADMIN.id), role: "OWNER" },
        });
        await Promise.all(
          (["OWNER", "ADMIN"] as const).map((role) =>
            second.as[role].gql(updateMemberRole, {
              input: { organizationId: orgId(second.org.id), userId: userGid(second.users[role].id), role: "VIEWER" },
            }),
          ),
        );
        expect(await h.db.prisma.membership.count({ where: { organizationId: second.org.id, role: "OWNER" } })).toBe(1);
      }
    },
  );
});

describe("searching members stays in one organization", () => {
  it("a search never returns another organization's members, whoever searches and whatever the text", async () => {
    const a = await h.newOrganization();
    const b = await h.newOrganization();
    const { client: reader } = await a.keyClient({ managementScopes: ["members:read"] });
    const { client: keyWithout } = await a.keyClient();
    const bOwner = b.users.OWNER.email;
    // B's owner's exact email, a text every test user shares, LIKE wildcards and an OR-looking text.
    for (const search of [bOwner, "example.test", "%", "_", "' OR 1=1 --"]) {
      for (const client of [a.as.OWNER, a.as.VIEWER, reader]) {
        const { emails } = await searchMembers(client, a.org.slug, search);
        expect(emails, search).not.toContain(bOwner);
        for (const email of emails ?? []) expect(Object.values(a.users).map((u) => u.email)).toContain(email);
      }
      // A key without `members:read` sees no member at all, searching or not.
      expect((await searchMembers(keyWithout, a.org.slug, search)).emails).toEqual([]);
    }
    expect((await searchMembers(a.as.OWNER, a.org.slug, "example.test")).emails).toHaveLength(4);
    // The other organization's list is out of reach: no organization for a member of A, nor for A's key.
    expect(await searchMembers(a.as.OWNER, b.org.slug, bOwner)).toEqual({ emails: null });
    const answer = await reader.gql("query($s: String!) { organization(slug: $s) { id } }", { s: b.org.slug });
    expect(answer.data?.organization ?? null).toBeNull();
    expect(await searchMembers(reader, b.org.slug, bOwner)).toMatchObject({ emails: null });
  });
});
