import type { Prisma } from "@tessera/db";
import { requireScope } from "../access/index.ts";
import { apiKeyStatus } from "../api-key-status.ts";
import { ConflictError, NotFoundError } from "../errors.ts";
import { isUuid } from "../ids.ts";
import type { OperationContext } from "../operation-context.ts";
import { requireActor } from "../operation-context.ts";

export const keyNotFound = "API key not found.";

/**
 * The organization of a key the caller may change. A key of another organization, or one the caller
 * cannot see at all, reads exactly like a key that does not exist; only a caller who may see it
 * learns that their role or scopes forbid the change.
 */
export async function authorizeKeyWrite(ctx: OperationContext, id: string): Promise<{ organizationId: string }> {
  requireActor(ctx.viewer);
  if (!isUuid(id)) throw new NotFoundError(keyNotFound);
  const key = await ctx.prisma.apiKey.findUnique({ where: { id }, select: { organizationId: true } });
  const access = key && (await ctx.access.inOrganization(key.organizationId));
  if (!key || !access) throw new NotFoundError(keyNotFound);
  requireScope(access, "keys:write");
  return { organizationId: key.organizationId };
}

export type LockedKey = { id: string; name: string; revokedAt: Date | null; expiresAt: Date };

/**
 * Locks the key's row for the rest of the transaction (SELECT … FOR UPDATE), so that concurrent
 * changes to one key run one after the other and each sees the other's result: a revoke that commits
 * first makes a waiting renew or edit see a revoked key, and a delete makes a waiting edit see nothing.
 */
export async function lockKey(tx: Prisma.TransactionClient, organizationId: string, id: string): Promise<LockedKey> {
  const rows = await tx.$queryRaw<LockedKey[]>`
    SELECT "id"::text AS "id", "name", "revokedAt", "expiresAt" FROM "ApiKey"
    WHERE "id" = ${id}::uuid AND "organizationId" = ${organizationId}::uuid
    FOR UPDATE`;
  const key = rows[0];
  if (!key) throw new NotFoundError(keyNotFound);
  return key;
}

/** Revoked and expired keys are read-only: they can never be edited, renewed or re-enabled. */
export function assertKeyUsable(key: LockedKey, now: Date, doing: string): void {
  const status = apiKeyStatus(key, now);
  if (status === "REVOKED") {
    throw new ConflictError(`This key has been revoked; a revoked key cannot be ${doing}. Create a new key.`);
  }
  if (status === "EXPIRED") {
    throw new ConflictError(`This key has expired; an expired key cannot be ${doing}. Create a new key.`);
  }
}
