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

describe("the last owner", () => {
  it("can be neither demoted, removed nor leave", async () => {
    const { org, users, as } = await h.newOrganization();
    const demote = result(
      await as.OWNER.gql(updateMemberRole, {
        input: { organizationId: orgId(org.id), userId: userGid(users.OWNER.id), role: "ADMIN" },
      }),
    );
    expect(demote).toMatchObject({ code: "CONFLICT" });
    expect(demote.message).toMatch(/last owner/);
    const leave = result(await as.OWNER.gql(leaveOrganization, { input: { organizationId: orgId(org.id) } }));
    expect(leave).toMatchObject({ code: "CONFLICT" });
    const self = result(
      await as.OWNER.gql(removeMember, { input: { organizationId: orgId(org.id), userId: userGid(users.OWNER.id) } }),
    );
    expect(self).toMatchObject({ code: "VALIDATION", field: "userId" });
    expect(await h.db.prisma.membership.count({ where: { organizationId: org.id, role: "OWNER" } })).toBe(1);
  });
});

describe("member errors", () => {
  it("an unknown or malformed member id, and someone who is not a member, read as not found", async () => {
    const { org, as } = await h.newOrganization();
    const other = await h.newOrganization();
    for (const userId of [
      userGid(other.users.VIEWER.id),
      "not-an-id",
      userGid("00000000-0000-4000-8000-000000000000"),
    ]) {
      const answer = result(
        await as.OWNER.gql(updateMemberRole, { input: { organizationId: orgId(org.id), userId, role: "VIEWER" } }),
      );
      expect(answer).toMatchObject({ code: "NOT_FOUND", message: "Member not found." });
    }
  });
});

describe("searching members", () => {
  it("refuses a search longer than 254 characters with a message naming the argument and the length", async () => {
    const { org, as } = await h.newOrganization();
    expect(await searchMembers(as.ADMIN, org.slug, "a".repeat(255))).toEqual({
      errors: ["BAD_USER_INPUT"],
      messages: ["`search` must be at most 254 characters (got 255)."],
    });
    // Spaces around it are trimmed before counting.
    expect(await searchMembers(as.ADMIN, org.slug, ` ${"a".repeat(254)} `)).toEqual({ emails: [] });
  });
});
