import { describe, expect, it } from "vitest";
import { useHarness } from "../support/harness.ts";
import { createKey, expectError, keyGid, keySnapshot, readOnlyCallers, renewMutation } from "./support.ts";

const h = useHarness();

describe("renewApiKey authorization", () => {
  it("another organization's key behaves like an unknown id and is not renewed", async () => {
    const org = await h.newOrganization();
    const { id } = await createKey(await h.newOrganization());
    const before = await keySnapshot(h.db.prisma, id);
    expectError((await org.as.OWNER.gql(renewMutation, { input: { id: keyGid(id) } })).data?.renewApiKey, "NOT_FOUND");
    const { client } = await org.keyClient();
    expectError((await client.gql(renewMutation, { input: { id: keyGid(id) } })).data?.renewApiKey, "NOT_FOUND");
    expect(await keySnapshot(h.db.prisma, id)).toEqual(before);
  });

  it("EDITOR, VIEWER and keys without keys:write are forbidden; anonymous must authenticate; revoked keys get 401", async () => {
    const org = await h.newOrganization();
    const { id } = await createKey(org);
    const before = await keySnapshot(h.db.prisma, id);
    for (const [label, client] of await readOnlyCallers(org)) {
      const result = await client.gql(renewMutation, { input: { id: keyGid(id) } });
      expect(result.data?.renewApiKey.__typename, label).toBe("ForbiddenError");
    }
    expectError(
      (await h.anonymous.gql(renewMutation, { input: { id: keyGid(id) } })).data?.renewApiKey,
      "UNAUTHENTICATED",
    );
    const { client } = await org.keyClient({ revoked: true });
    expect((await client.gql(renewMutation, { input: { id: keyGid(id) } })).status).toBe(401);
    expect(await keySnapshot(h.db.prisma, id)).toEqual(before);
  });
});
