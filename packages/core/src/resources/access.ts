import type { Prisma, PrismaClient } from "@tessera/db";
import { isUuid } from "../ids.ts";

type Queryable = PrismaClient | Prisma.TransactionClient;

/**
 * The access rule for resource groups: a grant on a group reaches every resource it contains,
 * transitively. Answers which of `grantedIds` (the resource itself or one of its ancestors) lets
 * the caller reach `resourceId`, or null when none does.
 *
 * One recursive query walks UP the parent chain from the resource, one primary-key lookup per
 * level, so the cost depends on how deep the resource sits and never on how many members a group
 * has (walking down from each granted group would read every member). The nearest grant wins, so
 * callers can say which grant let a request through. CYCLE stops the walk at a repeated id, so even
 * a cycle that slipped into the data cannot make the query run forever.
 */
export async function resourceAccessibleThrough(
  db: Queryable,
  resourceId: string,
  grantedIds: readonly string[],
): Promise<string | null> {
  const granted = grantedIds.filter(isUuid);
  if (!isUuid(resourceId) || granted.length === 0) return null;
  const rows = await db.$queryRaw<{ id: string }[]>`
    WITH RECURSIVE chain (id, "parentId", depth) AS (
      SELECT id, "parentId", 0 FROM "Resource" WHERE id = ${resourceId}::uuid
      UNION ALL
      SELECT r.id, r."parentId", c.depth + 1 FROM "Resource" r JOIN chain c ON r.id = c."parentId"
    ) CYCLE id SET "isCycle" USING path
    SELECT id::text AS id FROM chain
    WHERE NOT "isCycle" AND id = ANY(${granted}::uuid[])
    ORDER BY depth LIMIT 1`;
  return rows[0]?.id ?? null;
}

/** True when a grant on any of `grantedIds` reaches `resourceId` (directly or through its groups). */
export async function isResourceGranted(
  db: Queryable,
  resourceId: string,
  grantedIds: readonly string[],
): Promise<boolean> {
  return (await resourceAccessibleThrough(db, resourceId, grantedIds)) !== null;
}

/**
 * True when putting `resourceId` into `parentId` would make a group contain itself: the resource
 * is the parent, or already one of the parent's ancestors. The same upward walk answers it.
 */
export async function wouldCreateCycle(db: Queryable, resourceId: string, parentId: string): Promise<boolean> {
  return resourceId === parentId || (await isResourceGranted(db, parentId, [resourceId]));
}
