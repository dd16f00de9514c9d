import type { Prisma } from "@tessera/db";
import { recordAuditByCaller } from "../audit.ts";
import { ConflictError } from "../errors.ts";
import type { OperationContext } from "../operation-context.ts";
import { runChange } from "../verification/changes.ts";
import { authorizeResourceChange, lockResource, lockResourceTree } from "./authorize.ts";

export type DeleteResourceInput = {
  id: string;
  /** Required to delete a group that still contains resources: they are all deleted with it. */
  recursive?: boolean | null;
};

/** A key restricted to some of the deleted resources, and what it is left with. */
export type RestrictionLost = {
  apiKeyId: string;
  name: string;
  /** The deleted resources the key was restricted to. */
  resourceIds: string[];
  /**
   * True when the key was restricted to deleted resources only. It stays restricted (to nothing),
   * so it is refused for every resource until someone edits it: a restriction that silently widened
   * to "all resources" would grant far more than anyone chose.
   */
  leftWithNoResources: boolean;
};

export type DeletedResource = {
  deletedId: string;
  organizationId: string;
  /** Every resource deleted, the resource itself first, then what its groups contained. */
  deletedResourceIds: string[];
  restrictionsLost: RestrictionLost[];
};

/**
 * Deletes a resource, and with `recursive` everything a group contains, at any depth. Owners and
 * access entries go by cascade; keys restricted to a deleted resource lose that entry, and the audit
 * event names them. Verification forgets the resources (and those keys' restrictions) on every
 * instance before this returns.
 */
export async function deleteResource(ctx: OperationContext, input: DeleteResourceInput): Promise<DeletedResource> {
  const { id, organizationId } = await authorizeResourceChange(ctx, input.id, "write");
  return runChange(ctx, async (tx, changed) => {
    await lockResourceTree(tx, organizationId);
    const resource = await lockResource(tx, id);
    const subtree = await subtreeIds(tx, id);
    const contained = subtree.length - 1;
    if (contained > 0 && !input.recursive) {
      throw new ConflictError(
        `"${resource.name}" contains ${contained} resource${contained === 1 ? "" : "s"}; move ${contained === 1 ? "it" : "them"} out first, or delete with recursive to delete ${contained === 1 ? "it" : "them"} too.`,
      );
    }
    const restrictionsLost = await restrictionsOn(tx, subtree);
    await tx.resource.deleteMany({ where: { id: { in: subtree } } });
    await recordAuditByCaller(tx, ctx, {
      organizationId,
      action: "resource.deleted",
      target: { type: "Resource", id, label: resource.name },
      changes: {
        kind: resource.kind,
        parentId: resource.parentId,
        recursive: Boolean(input.recursive),
        deletedResourceIds: subtree,
        restrictionsLost,
      },
    });
    changed({ kind: "resources" });
    for (const key of restrictionsLost) changed({ kind: "key", id: key.apiKeyId });
    return { deletedId: id, organizationId, deletedResourceIds: subtree, restrictionsLost };
  });
}

/** The resource and everything below it, the resource first; CYCLE stops at a repeated id. */
export async function subtreeIds(db: Pick<Prisma.TransactionClient, "$queryRaw">, id: string): Promise<string[]> {
  const rows = await db.$queryRaw<{ id: string }[]>`
    WITH RECURSIVE tree (id, depth) AS (
      SELECT id, 0 FROM "Resource" WHERE id = ${id}::uuid
      UNION ALL
      SELECT r.id, t.depth + 1 FROM "Resource" r JOIN tree t ON r."parentId" = t.id
    ) CYCLE id SET "isCycle" USING path
    SELECT id::text AS id FROM tree WHERE NOT "isCycle" ORDER BY depth, id`;
  return rows.map((row) => row.id);
}

/** The keys restricted to any of `resourceIds`, with what each loses and keeps. */
export async function restrictionsOn(
  db: Pick<Prisma.TransactionClient, "$queryRaw">,
  resourceIds: string[],
): Promise<RestrictionLost[]> {
  const rows = await db.$queryRaw<{ apiKeyId: string; name: string; lost: string[]; kept: number }[]>`
    SELECT k.id::text AS "apiKeyId", k.name,
      array_agg(r."resourceId"::text ORDER BY r."resourceId") AS lost,
      (SELECT count(*)::int FROM "ApiKeyResource" o
        WHERE o."apiKeyId" = k.id AND NOT o."resourceId" = ANY(${resourceIds}::uuid[])) AS kept
    FROM "ApiKeyResource" r JOIN "ApiKey" k ON k.id = r."apiKeyId"
    WHERE r."resourceId" = ANY(${resourceIds}::uuid[])
    GROUP BY k.id, k.name ORDER BY k.name, k.id`;
  return rows.map((row) => ({
    apiKeyId: row.apiKeyId,
    name: row.name,
    resourceIds: row.lost,
    leftWithNoResources: row.kept === 0,
  }));
}
