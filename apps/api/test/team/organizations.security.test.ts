import { describe, expect, it } from "vitest";
import { useHarness } from "../support/harness.ts";
import { createOrganization, orgId, result, updateOrganization } from "./documents.ts";

const h = useHarness({ team: { organizationCreation: "closed" } });

describe("organization security", () => {
  it("closed: nobody creates organizations", async () => {
    const { as } = await h.newOrganization();
    const answer = result(await as.OWNER.gql(createOrganization, { input: { name: "X", slug: "closed-org" } }));
    expect(answer.code).toBe("FORBIDDEN");
    expect(answer.message).toMatch(/TESSERA_ORGANIZATION_CREATION/);
  });

  it("another organization reads as not found; editors, viewers and keys cannot rename", async () => {
    const { org, as, keyClient } = await h.newOrganization();
    const other = await h.newOrganization();
    const input = { organizationId: orgId(org.id), name: "Hijacked" };
    expect(result(await other.as.OWNER.gql(updateOrganization, { input })).code).toBe("NOT_FOUND");
    const { client: key } = await keyClient();
    for (const client of [as.EDITOR, as.VIEWER, key]) {
      expect(result(await client.gql(updateOrganization, { input })).code).toBe("FORBIDDEN");
    }
    expect((await h.db.prisma.organization.findUniqueOrThrow({ where: { id: org.id } })).name).toBe(org.name);
  });
});
