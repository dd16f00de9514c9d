import { describe, expect, it } from "vitest";
import { useHarness } from "../support/harness.ts";
import { createKey, keyGid, listQuery } from "./support.ts";

const h = useHarness();
const nodeQuery = "query($id: ID!) { node(id: $id) { ... on ApiKey { id name } } }";

describe("reading keys across organizations and roles", () => {
  it("every member role can read; another organization's keys are invisible (list and node)", async () => {
    const org = await h.newOrganization();
    const other = await h.newOrganization();
    const { id } = await createKey(org, { name: "Mine" });
    const foreign = await createKey(other, { name: "Theirs" });
    for (const role of ["OWNER", "ADMIN", "EDITOR", "VIEWER"] as const) {
      const list = await org.as[role].gql(listQuery, { slug: org.org.slug });
      expect(list.data?.organization.apiKeys.nodes, role).toEqual([{ id: keyGid(id), name: "Mine" }]);
      expect((await org.as[role].gql(nodeQuery, { id: keyGid(foreign.id) })).data?.node, role).toBeNull();
      expect((await org.as[role].gql(listQuery, { slug: other.org.slug })).data?.organization, role).toBeNull();
    }
    const { client } = await org.keyClient({ scopes: ["keys:read"] });
    expect((await client.gql(nodeQuery, { id: keyGid(foreign.id) })).data?.node).toBeNull();
    expect((await client.gql(nodeQuery, { id: keyGid(id) })).data?.node).toEqual({ id: keyGid(id), name: "Mine" });
    expect((await client.gql(listQuery, { slug: other.org.slug })).data?.organization).toBeNull();
  });

  it("a key without keys:read gets a clear forbidden error and no keys", async () => {
    const org = await h.newOrganization();
    const { client, key } = await org.keyClient({ scopes: ["vehicles:read"] });
    const result = await client.gql(listQuery, { slug: org.org.slug });
    expect(result.errors?.[0]?.message).toContain("keys:read");
    expect(result.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(JSON.stringify(result.data)).not.toContain(key.name);
    const other = await org.keyClient();
    expect((await client.gql(nodeQuery, { id: keyGid(other.key.id) })).data?.node).toBeNull();
    // A key always sees itself, through node(id) as through viewer.apiKey.
    expect((await client.gql(nodeQuery, { id: keyGid(key.id) })).data?.node).toMatchObject({ id: keyGid(key.id) });
  });

  it("anonymous callers see nothing and revoked keys get 401", async () => {
    const org = await h.newOrganization();
    expect((await h.anonymous.gql(listQuery, { slug: org.org.slug })).data?.organization).toBeNull();
    const { client } = await org.keyClient({ revoked: true });
    expect((await client.gql(listQuery, { slug: org.org.slug })).status).toBe(401);
  });
});
