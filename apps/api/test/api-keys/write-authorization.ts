import { expect, it } from "vitest";
import type { Harness } from "../support/harness.ts";
import { createKey, expectError, keySnapshot, readOnlyCallers } from "./support.ts";

type KeyMutation = { mutation: string; field: string; input: (id: string) => Record<string, unknown> };

/**
 * The authorization cases every mutation on an existing key must pass, written once: tenant
 * isolation (another organization's key answers like an unknown id), each lower role and a key
 * without keys:write (forbidden), anonymous (must authenticate) and a revoked key (401) — and in
 * every case the key is left exactly as it was.
 */
export function itAuthorizesKeyWrites(h: Harness, { mutation, field, input }: KeyMutation): void {
  it("another organization's key behaves exactly like an unknown id, and is untouched", async () => {
    const org = await h.newOrganization();
    const { id } = await createKey(await h.newOrganization());
    const before = await keySnapshot(h.db.prisma, id);
    const foreign = await org.as.OWNER.gql(mutation, { input: input(id) });
    const unknown = await org.as.OWNER.gql(mutation, { input: input("00000000-0000-4000-8000-000000000000") });
    expectError(foreign.data?.[field], "NOT_FOUND");
    expect(foreign.data?.[field]).toEqual(unknown.data?.[field]);
    const { client } = await org.keyClient({ managementScopes: "all" });
    expectError((await client.gql(mutation, { input: input(id) })).data?.[field], "NOT_FOUND");
    expect(await keySnapshot(h.db.prisma, id)).toEqual(before);
  });

  it("EDITOR, VIEWER and keys without keys:write are forbidden; anonymous must authenticate; revoked keys get 401", async () => {
    const org = await h.newOrganization();
    const { id } = await createKey(org);
    const callers = await readOnlyCallers(org);
    const revoked = await org.keyClient({ revoked: true });
    const before = await keySnapshot(h.db.prisma, id);
    for (const [label, client] of callers) {
      const result = await client.gql(mutation, { input: input(id) });
      expect(result.data?.[field].__typename, label).toBe("ForbiddenError");
    }
    expectError((await h.anonymous.gql(mutation, { input: input(id) })).data?.[field], "UNAUTHENTICATED");
    expect((await revoked.client.gql(mutation, { input: input(id) })).status).toBe(401);
    expect(await keySnapshot(h.db.prisma, id)).toEqual(before);
  });
}
