import { describe, expect, it } from "vitest";
import { useHarness } from "../support/harness.ts";
import { createOrganization, orgId, result, updateOrganization } from "./documents.ts";

const h = useHarness({ team: { organizationCreation: "owners" } });

describe("organization errors", () => {
  it("slugs: 3 to 40 lower-case letters, digits and hyphens; a taken slug is a conflict", async () => {
    const { org, as } = await h.newOrganization();
    for (const slug of ["ab", "a".repeat(41), "Upper-Case", "-edge", "edge-", "with space", "dots.not"]) {
      const answer = result(await as.OWNER.gql(createOrganization, { input: { name: "X", slug } }));
      expect(answer, slug).toMatchObject({ code: "VALIDATION", field: "slug" });
    }
    expect(result(await as.OWNER.gql(createOrganization, { input: { name: "X", slug: org.slug } }))).toMatchObject({
      code: "CONFLICT",
      message: `The slug "${org.slug}" is taken: choose another.`,
    });
    expect(result(await as.OWNER.gql(createOrganization, { input: { name: " ", slug: "fine-slug" } }))).toMatchObject({
      code: "VALIDATION",
      field: "name",
    });
    const rename = result(
      await as.OWNER.gql(updateOrganization, { input: { organizationId: orgId(org.id), name: "" } }),
    );
    expect(rename).toMatchObject({ code: "VALIDATION", field: "name" });
  });

  it("TESSERA_ORGANIZATION_CREATION=owners: only owners of an organization create another; keys never", async () => {
    const { as, keyClient } = await h.newOrganization();
    expect(result(await as.ADMIN.gql(createOrganization, { input: { name: "A", slug: "admin-made" } })).code).toBe(
      "FORBIDDEN",
    );
    expect(
      result(await as.OWNER.gql(createOrganization, { input: { name: "O", slug: "owner-made" } })).__typename,
    ).toBe("CreateOrganizationPayload");
    const { client: key } = await keyClient();
    expect(result(await key.gql(createOrganization, { input: { name: "K", slug: "key-made" } })).code).toBe(
      "FORBIDDEN",
    );
    expect(result(await h.anonymous.gql(createOrganization, { input: { name: "N", slug: "anon-made" } })).code).toBe(
      "UNAUTHENTICATED",
    );
  });
});
