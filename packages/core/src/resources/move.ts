import type { Resource } from "@tessera/db";
import { recordAuditByCaller } from "../audit.ts";
import { NotFoundError } from "../errors.ts";
import type { OperationContext } from "../operation-context.ts";
import { runChange } from "../verification/changes.ts";
import { authorizeResourceChange, lockResource, lockResourceTree } from "./authorize.ts";
import { assertValidParent, parentNotFound } from "./parent.ts";

export type MoveResourceInput = {
  id: string;
  /** The VEHICLE_GROUP that will contain the resource; null to make it top-level. */
  parentId: string | null;
};

/**
 * Puts a resource into another group (or at the top level). The caller needs a say over the resource
 * and over the group it goes into: moving a vehicle into a group hands it to everyone the group is
 * granted to. Keys restricted to the old group stop reaching it, and keys restricted to the new one
 * start, on every instance before this returns.
 */
export async function moveResource(ctx: OperationContext, input: MoveResourceInput): Promise<Resource> {
  const { id, organizationId } = await authorizeResourceChange(ctx, input.id, "write");
  if (input.parentId !== null) {
    // Another organization's group, or one the caller has no say over, is refused here; one
    // that is not a group is refused by the parent check below.
    await authorizeResourceChange(ctx, input.parentId, "write").catch((error: unknown) => {
      throw error instanceof NotFoundError ? new NotFoundError(parentNotFound) : error;
    });
  }
  return runChange(ctx, async (tx, changed) => {
    await lockResourceTree(tx, organizationId);
    const before = await lockResource(tx, id);
    if (before.parentId === input.parentId) return before;
    if (input.parentId !== null) {
      await assertValidParent(tx, { resourceId: id, organizationId, parentId: input.parentId });
    }
    const resource = await tx.resource.update({ where: { id }, data: { parentId: input.parentId } });
    await recordAuditByCaller(tx, ctx, {
      organizationId,
      action: "resource.moved",
      target: { type: "Resource", id, label: resource.name },
      changes: { parentId: { from: before.parentId, to: input.parentId } },
    });
    changed({ kind: "resources" });
    return resource;
  });
}
