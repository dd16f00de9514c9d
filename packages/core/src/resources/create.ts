import { randomUUID } from "node:crypto";
import type { Resource, ResourceKind } from "@tessera/db";
import { recordAuditByCaller } from "../audit.ts";
import { normalizeName } from "../names.ts";
import { type OperationContext, requireActor, requireOrganizationScope } from "../operation-context.ts";
import { runChange } from "../verification/changes.ts";
import { assertValidParent } from "./parent.ts";

export type CreateResourceInput = {
  organizationId: string;
  kind: ResourceKind;
  name: string;
  /** The VEHICLE_GROUP that will contain the resource; null or absent for a top-level resource. */
  parentId?: string | null;
};

/**
 * Creates a resource owned by the caller: the member, or the API key when a key calls (so that
 * deleting the key later has ownership to transfer). Resource, ownership and audit event commit together.
 */
export async function createResource(ctx: OperationContext, input: CreateResourceInput): Promise<Resource> {
  const actor = requireActor(ctx.viewer);
  await requireOrganizationScope(ctx, input.organizationId, "resources:write");
  const name = normalizeName(input.name);
  // The id is chosen here so the parent check can ask "would this resource contain itself?"
  // before the row exists; for a new resource the answer is always no, but the check is the one
  // any future move of a resource must pass.
  const id = randomUUID();
  const parentId = input.parentId ?? null;

  return runChange(ctx, async (tx, changed) => {
    if (parentId !== null) {
      await assertValidParent(tx, { resourceId: id, organizationId: input.organizationId, parentId });
    }
    const resource = await tx.resource.create({
      data: { id, organizationId: input.organizationId, kind: input.kind, name, parentId, createdAt: ctx.clock.now() },
    });
    await tx.resourceOwner.create({
      data:
        actor.kind === "user" ? { resourceId: id, userId: actor.userId } : { resourceId: id, apiKeyId: actor.keyId },
    });
    await recordAuditByCaller(tx, ctx, {
      organizationId: resource.organizationId,
      action: "resource.created",
      target: { type: "Resource", id: resource.id, label: resource.name },
      changes: { kind: resource.kind, name: resource.name, parentId },
    });
    // A resource created inside a group is reachable through that group's grants from now on; an
    // instance that answered "unknown resource" for its id must not keep that answer.
    changed({ kind: "resources" });
    return resource;
  });
}
