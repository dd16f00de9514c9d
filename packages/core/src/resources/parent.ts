import type { Prisma, ResourceKind } from "@tessera/db";
import { NotFoundError, ValidationError } from "../errors.ts";
import { isUuid } from "../ids.ts";
import { wouldCreateCycle } from "./access.ts";

export const parentNotFound = "Parent resource not found.";

/**
 * Checks that `parentId` may contain `resourceId`: it is a VEHICLE_GROUP of the same organization
 * (another organization's group reads as unknown) and the move would not make a group contain
 * itself. Run it inside the transaction that writes the parent, so the checked state is the written one.
 */
export async function assertValidParent(
  tx: Prisma.TransactionClient,
  target: { resourceId: string; organizationId: string; parentId: string },
): Promise<void> {
  const parent = isUuid(target.parentId) ? await lockParent(tx, target.parentId) : null;
  if (!parent || parent.organizationId !== target.organizationId) {
    throw new NotFoundError(parentNotFound);
  }
  if (parent.kind !== "VEHICLE_GROUP") {
    throw new ValidationError(
      `Only a VEHICLE_GROUP can contain resources; the parent is a ${parent.kind}.`,
      "parentId",
    );
  }
  if (await wouldCreateCycle(tx, target.resourceId, target.parentId)) {
    throw new ValidationError("A group cannot contain itself, directly or through other groups.", "parentId");
  }
}

/**
 * Reads the parent and holds a SHARE lock on it until the transaction ends, so what was checked
 * stays true until the child commits: a concurrent delete (e.g. of resources owned solely by a
 * deleted key) waits instead of turning the child's insert into a foreign-key failure, and the
 * parent cannot stop being a group in between. Other readers are not blocked.
 */
async function lockParent(
  tx: Prisma.TransactionClient,
  parentId: string,
): Promise<{ organizationId: string; kind: ResourceKind } | null> {
  const rows = await tx.$queryRaw<{ organizationId: string; kind: ResourceKind }[]>`
    SELECT "organizationId"::text AS "organizationId", kind::text AS kind
    FROM "Resource" WHERE id = ${parentId}::uuid
    FOR SHARE`;
  return rows[0] ?? null;
}
