import type { Prisma, Resource } from "@tessera/db";
import { requireScope } from "../access/index.ts";
import { ForbiddenError, NotFoundError } from "../errors.ts";
import { isUuid } from "../ids.ts";
import { type OperationContext, requireActor } from "../operation-context.ts";
import type { RequestActor } from "../viewer.ts";

export const resourceNotFound = "Resource not found.";

/**
 * How much say a change needs over a resource: `write` (rename, move, delete) is held by its owners
 * and by principals with a WRITE access entry; `own` (hand it over, grant or revoke access) only by
 * its owners. Both reach down the tree: owning or writing a group covers what it contains.
 */
export type ResourceSay = "write" | "own";

/**
 * The resource a caller may change, with its organization. An unknown id, a malformed one and
 * another organization's resource all read as "not found"; a caller who can see it learns which
 * permission is missing. OWNER and ADMIN may change every resource of their organization; everyone
 * else (EDITOR members, keys) needs `resources:write` AND a say over the resource itself.
 */
export async function authorizeResourceChange(ctx: OperationContext, id: string, say: ResourceSay): Promise<Resource> {
  const actor = requireActor(ctx.viewer);
  const resource = isUuid(id) ? await ctx.prisma.resource.findUnique({ where: { id } }) : null;
  const access = resource && (await ctx.access.inOrganization(resource.organizationId));
  if (!resource || !access) throw new NotFoundError(resourceNotFound);
  requireScope(access, "resources:write");
  if (access.role === "OWNER" || access.role === "ADMIN") return resource;
  if (!(await hasSay(ctx.prisma, actor, resource.id, say))) {
    throw new ForbiddenError(
      say === "own"
        ? "Only the resource's owners (or an owner or admin of the organization) may do this."
        : "You may change only resources you own or have WRITE access to (directly or through a group).",
    );
  }
  return resource;
}

type Queryable = Pick<Prisma.TransactionClient, "$queryRaw">;

/**
 * True when the actor owns (or, for `write`, holds a WRITE entry on) the resource or a group above
 * it. One upward walk of the parent chain, like `resourceAccessibleThrough`.
 */
export async function hasSay(
  db: Queryable,
  actor: RequestActor,
  resourceId: string,
  say: ResourceSay,
): Promise<boolean> {
  const userId = actor.kind === "user" ? actor.userId : null;
  const keyId = actor.kind === "apiKey" ? actor.keyId : null;
  const rows = await db.$queryRaw<{ found: boolean }[]>`
    WITH RECURSIVE chain (id, "parentId") AS (
      SELECT id, "parentId" FROM "Resource" WHERE id = ${resourceId}::uuid
      UNION ALL
      SELECT r.id, r."parentId" FROM "Resource" r JOIN chain c ON r.id = c."parentId"
    ) CYCLE id SET "isCycle" USING path
    SELECT EXISTS (
      SELECT 1 FROM chain c WHERE NOT c."isCycle" AND (
        EXISTS (SELECT 1 FROM "ResourceOwner" o WHERE o."resourceId" = c.id
                AND (o."userId" = ${userId}::uuid OR o."apiKeyId" = ${keyId}::uuid))
        OR (${say} = 'write' AND EXISTS (SELECT 1 FROM "AccessControlEntry" e WHERE e."resourceId" = c.id
                AND e.permission = 'WRITE' AND (e."userId" = ${userId}::uuid OR e."apiKeyId" = ${keyId}::uuid)))
      )
    ) AS found`;
  return rows[0]?.found === true;
}

/**
 * Serialises the changes that reshape one organization's tree (moves and deletes) for the rest of
 * the transaction. Why: two moves checked at the same time (A into B, B into A) each see no cycle
 * and would both commit one; taken one after the other, the second sees the first and refuses. A
 * transaction-scoped advisory lock on the organization, not a row lock, so that nothing else (keys,
 * resource creation, reads) waits for it; under READ COMMITTED every statement after it sees what
 * the previous holder committed.
 */
export async function lockResourceTree(tx: Prisma.TransactionClient, organizationId: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`resource-tree:${organizationId}`}, 0))`;
}

/** The resource's row inside the transaction, locked against concurrent changes; gone reads as not found. */
export async function lockResource(tx: Prisma.TransactionClient, id: string): Promise<Resource> {
  const rows = await tx.$queryRaw<
    { id: string }[]
  >`SELECT id::text AS id FROM "Resource" WHERE id = ${id}::uuid FOR UPDATE`;
  const resource = rows[0] && (await tx.resource.findUnique({ where: { id } }));
  if (!resource) throw new NotFoundError(resourceNotFound);
  return resource;
}
