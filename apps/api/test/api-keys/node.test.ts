import { describe, expect, it } from "vitest";
import { useHarness } from "../support/harness.ts";
import { keyWithResources } from "./delete-fixtures.ts";
import { keyFields, keyGid } from "./support.ts";

const h = useHarness();
const nodeQuery = `query($id: ID!) { node(id: $id) { __typename ... on ApiKey { ${keyFields} } } }`;

describe("node(id) for an API key", () => {
  it("returns every contract field of a restricted key that owns resources", async () => {
    const org = await h.newOrganization();
    const { id } = await keyWithResources(h.db.prisma, org);
    const result = await org.as.VIEWER.gql(nodeQuery, { id: keyGid(id) });
    expect(result.errors).toBeUndefined();
    expect(result.data?.node).toMatchObject({
      __typename: "ApiKey",
      id: keyGid(id),
      status: "ACTIVE",
      allScopes: false,
      scopes: ["vehicles:read"],
      allResources: false,
      resources: [{ name: "Shared" }],
      allCustomerAccounts: false,
      customerAccounts: [{ name: "Acc" }],
      createdBy: { email: org.users.OWNER.email },
      lastUsedAt: null,
      renewedAt: null,
      revokedAt: null,
      revokedReason: null,
    });
    expect(result.data?.node.ownedResources.map((r: { name: string }) => r.name)).toEqual([
      "Shared",
      "Solo one",
      "Solo two",
    ]);
  });

  it("a global id of the wrong type or a malformed one reads as nothing, not as an error", async () => {
    const org = await h.newOrganization();
    const { id } = await keyWithResources(h.db.prisma, org);
    for (const bad of [
      Buffer.from(`ApiKey:${id}x`).toString("base64"),
      "!!",
      Buffer.from(`Resource:${id}`).toString("base64"),
    ]) {
      const result = await org.as.OWNER.gql(nodeQuery, { id: bad });
      expect(result.data?.node ?? null).toBeNull();
      expect(result.errors?.[0]?.message ?? "").not.toBe("Unexpected error.");
    }
  });
});
