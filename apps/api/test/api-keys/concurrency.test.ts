import type { Prisma } from "@tessera/db";
import { describe, expect, it } from "vitest";
import { useHarness } from "../support/harness.ts";
import { createKey, deleteMutation, keyGid, renewMutation, revokeMutation, updateMutation } from "./support.ts";

/**
 * Races only mean something with real concurrent connections, so these run against PostgreSQL
 * (PGlite has a single connection and serializes everything anyway).
 */
describe.skipIf(process.env.TEST_DB !== "postgres")("concurrent changes to one key", () => {
  const h = useHarness();
  const rounds = 5;

  it("revoke racing renew and update: the key ends revoked, for good", async () => {
    const org = await h.newOrganization();
    for (let round = 0; round < rounds; round++) {
      const { id } = await createKey(org);
      const input = { id: keyGid(id) };
      const [revoke, renew, update] = await Promise.all([
        org.as.ADMIN.gql(revokeMutation, { input }),
        org.as.OWNER.gql(renewMutation, { input }),
        org.as.OWNER.gql(updateMutation, { input: { ...input, description: `round ${round}` } }),
      ]);
      expect(revoke.data?.revokeApiKey.__typename).toBe("RevokeApiKeyPayload");
      // Whoever came second saw the committed revocation and was refused; whoever came first succeeded.
      expect(["RenewApiKeyPayload", "ConflictError"]).toContain(renew.data?.renewApiKey.__typename);
      expect(["UpdateApiKeyPayload", "ConflictError"]).toContain(update.data?.updateApiKey.__typename);
      const row = await h.db.prisma.apiKey.findUniqueOrThrow({ where: { id } });
      expect(row.revokedAt).not.toBeNull();
      expectError(await org.as.OWNER.gql(renewMutation, { input }), "renewApiKey", "CONFLICT");
    }
  });

  it("two renewals at once both succeed and leave one final expiry", async () => {
    const org = await h.newOrganization();
    for (let round = 0; round < rounds; round++) {
      const { id } = await createKey(org);
      const input = { id: keyGid(id) };
      const results = await Promise.all([
        org.as.ADMIN.gql(renewMutation, { input }),
        org.as.OWNER.gql(renewMutation, { input }),
      ]);
      for (const result of results) expect(result.data?.renewApiKey.__typename).toBe("RenewApiKeyPayload");
      const row = await h.db.prisma.apiKey.findUniqueOrThrow({ where: { id } });
      const returned = results.map((r) => new Date(r.data?.renewApiKey.apiKey.expiresAt).getTime());
      expect(returned).toContain(row.expiresAt.getTime());
      expect(await h.db.prisma.auditEvent.count({ where: { targetId: id, action: "api_key.renewed" } })).toBe(2);
    }
  });

  it("delete racing update: the update gets not-found or ran before; the key is gone either way", async () => {
    const org = await h.newOrganization();
    for (let round = 0; round < rounds; round++) {
      const { id } = await createKey(org);
      const input = { id: keyGid(id) };
      const [deleted, updated] = await Promise.all([
        org.as.ADMIN.gql(deleteMutation, { input }),
        org.as.OWNER.gql(updateMutation, { input: { ...input, name: `renamed ${round}` } }),
      ]);
      expect(deleted.data?.deleteApiKey.__typename).toBe("DeleteApiKeyPayload");
      expect(["UpdateApiKeyPayload", "NotFoundError"]).toContain(updated.data?.updateApiKey.__typename);
      expect(await h.db.prisma.apiKey.findUnique({ where: { id } })).toBeNull();
    }
    // Started after the delete has committed, an update always gets not-found.
    const { id } = await createKey(org);
    await org.as.ADMIN.gql(deleteMutation, { input: { id: keyGid(id) } });
    expectError(
      await org.as.OWNER.gql(updateMutation, { input: { id: keyGid(id), name: "late" } }),
      "updateApiKey",
      "NOT_FOUND",
    );
  });

  /**
   * The deterministic version of the races above: a transaction holds the key's row lock while the
   * mutation starts, so the mutation must wait, and then sees what that transaction committed.
   */
  async function whileLocked(id: string, start: () => Promise<unknown>, change: (tx: Tx) => Promise<unknown>) {
    let pending: Promise<unknown> | undefined;
    await h.db.prisma.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT id FROM "ApiKey" WHERE id = ${id}::uuid FOR UPDATE`;
      pending = start();
      await new Promise((resolve) => setTimeout(resolve, 300));
      await change(tx);
    });
    return pending;
  }

  it("an update waiting on a delete gets not-found", async () => {
    const org = await h.newOrganization();
    const { id } = await createKey(org);
    const update = await whileLocked(
      id,
      () => org.as.OWNER.gql(updateMutation, { input: { id: keyGid(id), name: "too late" } }),
      (tx) => tx.apiKey.delete({ where: { id } }),
    );
    expectError(update as Result, "updateApiKey", "NOT_FOUND");
  });

  it("a renewal waiting on a revocation is refused, and the key stays revoked", async () => {
    const org = await h.newOrganization();
    const { id } = await createKey(org);
    const renew = await whileLocked(
      id,
      () => org.as.OWNER.gql(renewMutation, { input: { id: keyGid(id) } }),
      (tx) => tx.apiKey.update({ where: { id }, data: { revokedAt: new Date() } }),
    );
    expectError(renew as Result, "renewApiKey", "CONFLICT");
    expect((await h.db.prisma.apiKey.findUniqueOrThrow({ where: { id } })).revokedAt).not.toBeNull();
  });
});

type Tx = Prisma.TransactionClient;
type Result = { data?: Record<string, { __typename: string; code?: string }> };

function expectError(
  result: { data?: Record<string, { __typename: string; code?: string }> },
  field: string,
  code: string,
) {
  expect(result.data?.[field]?.code).toBe(code);
}
