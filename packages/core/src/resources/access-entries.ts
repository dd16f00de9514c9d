import type { AccessControlEntry, Permission, Resource } from "@tessera/db";
import { recordAuditByCaller } from "../audit.ts";
import { NotFoundError, ValidationError } from "../errors.ts";
import type { OperationContext } from "../operation-context.ts";
import { authorizeResourceChange, lockResource } from "./authorize.ts";
import { type PrincipalInput, principalColumns, principalSummary, resolvePrincipal } from "./principal.ts";

/** The permissions an access entry grants: READ to see it, WRITE to rename, move and delete it. */
export type ResourcePermission = Extract<Permission, "READ" | "WRITE">;

export type ResourceAccessInput = { resourceId: string; principal: PrincipalInput; permission: ResourcePermission };

export type GrantedAccess = { resource: Resource; entry: AccessControlEntry };

/**
 * Grants a member or a key a permission on a resource (and, for a group, on what it contains). Granting
 * what is already granted changes nothing and records nothing. Only the resource's owners (and OWNER
 * and ADMIN) decide who else may reach it.
 */
export async function grantResourceAccess(ctx: OperationContext, input: ResourceAccessInput): Promise<GrantedAccess> {
  const { id, organizationId } = await authorizeResourceChange(ctx, input.resourceId, "own");
  return ctx.prisma.$transaction(async (tx) => {
    const resource = await lockResource(tx, id);
    const principal = await resolvePrincipal(tx, organizationId, input.principal, {
      field: "principal",
      activeAt: ctx.clock.now(),
    });
    if (input.permission === "WRITE" && !principal.mayWrite) {
      throw new ValidationError(`${principal.label} is a VIEWER and can never write; grant READ.`, "permission");
    }
    const columns = principalColumns(principal);
    const existing = await tx.accessControlEntry.findFirst({
      where: { resourceId: id, ...columns, permission: input.permission },
    });
    if (existing) return { resource, entry: existing };
    const entry = await tx.accessControlEntry.create({
      data: { resourceId: id, ...columns, permission: input.permission },
    });
    await recordAuditByCaller(tx, ctx, {
      organizationId,
      action: "resource.access_granted",
      target: { type: "Resource", id, label: resource.name },
      changes: { principal: principalSummary(principal), permission: input.permission },
    });
    return { resource, entry };
  });
}

/** Takes a permission back. An entry that does not exist is NotFound, so a typo does not pass for success. */
export async function revokeResourceAccess(ctx: OperationContext, input: ResourceAccessInput): Promise<Resource> {
  const { id, organizationId } = await authorizeResourceChange(ctx, input.resourceId, "own");
  return ctx.prisma.$transaction(async (tx) => {
    const resource = await lockResource(tx, id);
    // A revoked or expired key's entries can still be taken back.
    const principal = await resolvePrincipal(tx, organizationId, input.principal, {
      field: "principal",
      activeAt: null,
    });
    const { count } = await tx.accessControlEntry.deleteMany({
      where: { resourceId: id, ...principalColumns(principal), permission: input.permission },
    });
    if (count === 0) throw new NotFoundError("No such access entry on this resource.");
    await recordAuditByCaller(tx, ctx, {
      organizationId,
      action: "resource.access_revoked",
      target: { type: "Resource", id, label: resource.name },
      changes: { principal: principalSummary(principal), permission: input.permission },
    });
    return resource;
  });
}
