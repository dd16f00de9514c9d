import { describe, expect, it } from "vitest";
import { createAccountAs } from "../accounts/documents.ts";
import { createResourceAs } from "../resources/documents.ts";
import { useHarness } from "../support/harness.ts";
import { createKey, gid, listQuery } from "./support.ts";

const h = useHarness();

describe("Organization.apiKeys filters never reach another organization", () => {
  it("another organization's account, resource or creating key reads as an empty list, like an unknown id", async () => {
    const org = await h.newOrganization();
    const other = await h.newOrganization();
    const account = await createAccountAs(other.as.OWNER, other.org.id, "Theirs");
    const resource = await createResourceAs(other.as.OWNER, other.org.id, { kind: "VEHICLE", name: "Their truck" });
    await createKey(other, { name: "their-account-key", customerAccountIds: [account.id] });
    await createKey(other, { name: "their-resource-key", resourceIds: [resource.id] });
    const { key: theirCreator } = await other.keyClient({ scopes: ["keys:write"] });
    await createKey(org, { name: "mine" });

    for (const filter of [
      { customerAccountId: account.id },
      { resourceId: resource.id },
      { createdByKeyId: gid("ApiKey", theirCreator.id) },
    ]) {
      const mine = await org.as.OWNER.gql(listQuery, { slug: org.org.slug, filter });
      expect(mine.errors, JSON.stringify(filter)).toBeUndefined();
      expect(mine.data?.organization.apiKeys).toMatchObject({ totalCount: 0, nodes: [] });
      // Their organization stays unreachable with the same filter.
      const theirs = await org.as.OWNER.gql(listQuery, { slug: other.org.slug, filter });
      expect(theirs.data?.organization).toBeNull();
      expect(JSON.stringify(theirs)).not.toContain("their-");
    }
  });
});
