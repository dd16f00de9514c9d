import { describe, expect, it } from "vitest";
import { useHarness } from "../support/harness.ts";
import { keyWithResources, ownershipState } from "./delete-fixtures.ts";
import { deleteMutation, expectError, keyGid, readOnlyCallers } from "./support.ts";

const h = useHarness();

describe("deleteApiKey authorization", () => {
  it("another organization's key behaves like an unknown id, and nothing of it is touched", async () => {
    const org = await h.newOrganization();
    const other = await h.newOrganization();
    const { id } = await keyWithResources(h.db.prisma, other);
    const before = await ownershipState(h.db.prisma, other.org.id);
    expectError(
      (await org.as.OWNER.gql(deleteMutation, { input: { id: keyGid(id) } })).data?.deleteApiKey,
      "NOT_FOUND",
    );
    const { client } = await org.keyClient({ managementScopes: "all" });
    expectError((await client.gql(deleteMutation, { input: { id: keyGid(id) } })).data?.deleteApiKey, "NOT_FOUND");
    expect(await ownershipState(h.db.prisma, other.org.id)).toEqual(before);
  });

  it("EDITOR, VIEWER and keys without keys:write are forbidden; anonymous must authenticate; revoked keys get 401", async () => {
    const org = await h.newOrganization();
    const { id } = await keyWithResources(h.db.prisma, org);
    const callers = await readOnlyCallers(org);
    const revoked = await org.keyClient({ revoked: true });
    const before = await ownershipState(h.db.prisma, org.org.id);
    for (const [label, client] of callers) {
      const result = await client.gql(deleteMutation, { input: { id: keyGid(id) } });
      expect(result.data?.deleteApiKey.__typename, label).toBe("ForbiddenError");
    }
    expectError(
      (await h.anonymous.gql(deleteMutation, { input: { id: keyGid(id) } })).data?.deleteApiKey,
      "UNAUTHENTICATED",
    );
    expect((await revoked.client.gql(deleteMutation, { input: { id: keyGid(id) } })).status).toBe(401);
    expect(await ownershipState(h.db.prisma, org.org.id)).toEqual(before);
  });
});
