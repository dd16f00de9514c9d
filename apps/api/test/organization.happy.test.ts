import { describe, expect, it } from "vitest";
import { useHarness } from "./support/harness.ts";

const h = useHarness();

const orgQuery = `query Org($slug: String!) {
  organization(slug: $slug) {
    id slug name viewerRole
    members { role user { email } }
    scopes { name management description }
    apiVersions { name deprecated }
  }
}`;

describe("organization", () => {
  it("shows a member their role, the members, the scope catalogue and the API versions", async () => {
    const { org, users, as } = await h.newOrganization();
    const result = await as.EDITOR.gql(orgQuery, { slug: org.slug });
    const organization = result.data?.organization;
    expect(organization).toMatchObject({ slug: org.slug, name: org.name, viewerRole: "EDITOR" });
    expect(organization.members).toEqual([
      { role: "OWNER", user: { email: users.OWNER.email } },
      { role: "ADMIN", user: { email: users.ADMIN.email } },
      { role: "EDITOR", user: { email: users.EDITOR.email } },
      { role: "VIEWER", user: { email: users.VIEWER.email } },
    ]);
    expect(organization.scopes.map((s: { name: string }) => s.name)).toEqual([
      "routes:write",
      "vehicles:read",
      "accounts:read",
      "accounts:write",
      "keys:read",
      "keys:write",
      "members:read",
      "resources:read",
      "resources:write",
      "webhooks:read",
      "webhooks:write",
    ]);
    expect(organization.scopes.filter((s: { management: boolean }) => s.management)).toHaveLength(9);
    expect(organization.apiVersions).toEqual([
      { name: "v2", deprecated: false },
      { name: "v1", deprecated: true },
    ]);
  });

  it("resolves the organization and its members through node(id)", async () => {
    const { org, users, as } = await h.newOrganization();
    const { data } = await as.VIEWER.gql(orgQuery, { slug: org.slug });
    const node = await as.VIEWER.gql(`query($id: ID!) { node(id: $id) { __typename ... on Organization { slug } } }`, {
      id: data?.organization.id,
    });
    expect(node.data?.node).toEqual({ __typename: "Organization", slug: org.slug });

    const me = await as.OWNER.gql("{ viewer { user { id email } } }");
    const user = await as.VIEWER.gql(`query($id: ID!) { node(id: $id) { ... on User { email } } }`, {
      id: me.data?.viewer.user.id,
    });
    expect(user.data?.node).toEqual({ email: users.OWNER.email });
  });

  it("an API key sees its own organization with no viewer role", async () => {
    const { org, keyClient } = await h.newOrganization();
    const { client, key } = await keyClient({ scopes: ["keys:read"] });
    const result = await client.gql("{ viewer { user { id } apiKey { name } organizations { slug viewerRole } } }");
    expect(result.data?.viewer).toEqual({
      user: null,
      apiKey: { name: key.name },
      organizations: [{ slug: org.slug, viewerRole: null }],
    });
  });
});
