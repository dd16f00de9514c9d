import { describe, expect, it } from "vitest";
import { useHarness } from "../support/harness.ts";
import { createOrganization, orgId, result, updateOrganization } from "./documents.ts";

const h = useHarness();

describe("creating and renaming organizations", () => {
  it("any member creates one and owns it: management scopes, v1, an empty data catalogue", async () => {
    const { users, as } = await h.newOrganization();
    const created = result(
      await as.VIEWER.gql(createOrganization, { input: { name: "  Side Project ", slug: "side-project" } }),
    );
    expect(created.__typename).toBe("CreateOrganizationPayload");
    const org = created.organization;
    expect(org).toMatchObject({ slug: "side-project", name: "Side Project", viewerRole: "OWNER" });
    expect(org.apiVersions).toEqual([{ name: "v1" }]);
    expect(org.scopes.length).toBeGreaterThan(0);
    expect(org.scopes.every((s: { management: boolean }) => s.management)).toBe(true);
    expect(org.members).toEqual([{ role: "OWNER", user: { email: users.VIEWER.email } }]);

    const renamed = result(
      await as.VIEWER.gql(updateOrganization, { input: { organizationId: org.id, name: "Main Project" } }),
    );
    expect(renamed.organization).toEqual({ name: "Main Project", slug: "side-project" });
    const actions = await h.db.prisma.auditEvent.findMany({
      where: { organization: { slug: "side-project" } },
      select: { action: true },
      orderBy: { createdAt: "asc" },
    });
    expect(actions.map((a) => a.action)).toEqual(["organization.created", "organization.updated"]);
  });

  it("an admin renames the organization", async () => {
    const { org, as } = await h.newOrganization();
    const renamed = result(
      await as.ADMIN.gql(updateOrganization, { input: { organizationId: orgId(org.id), name: "Renamed" } }),
    );
    expect(renamed.organization.name).toBe("Renamed");
  });
});
