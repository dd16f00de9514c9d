import type { Resource } from "@tessera/db";
import { recordAuditByCaller } from "../audit.ts";
import { ValidationError } from "../errors.ts";
import type { OperationContext } from "../operation-context.ts";
import { authorizeResourceChange, lockResource } from "./authorize.ts";
import { principalColumns, principalSummary, resolvePrincipal } from "./principal.ts";

export type TransferResourceOwnershipInput = { id: string; toUserId?: string | null; toKeyId?: string | null };

/**
 * Hands a resource to a new owner, who replaces every current owner: a member with role EDITOR or
 * higher, or an active key of the organization. Owners decide who reaches the resource, which keys'
 * verification never reads, so no cache has anything to forget.
 */
export async function transferResourceOwnership(
  ctx: OperationContext,
  input: TransferResourceOwnershipInput,
): Promise<Resource> {
  const { id, organizationId } = await authorizeResourceChange(ctx, input.id, "own");
  return ctx.prisma.$transaction(async (tx) => {
    const resource = await lockResource(tx, id);
    const to = await resolvePrincipal(
      tx,
      organizationId,
      { userId: input.toUserId, keyId: input.toKeyId },
      { field: input.toUserId ? "toUserId" : "toKeyId", activeAt: ctx.clock.now() },
    );
    if (to.kind === "user" && !to.mayWrite) {
      throw new ValidationError("The new owner must be a member with role EDITOR or higher.", "toUserId");
    }
    const before = await tx.resourceOwner.findMany({
      where: { resourceId: id },
      select: { userId: true, apiKeyId: true, user: { select: { email: true } }, apiKey: { select: { name: true } } },
      orderBy: { createdAt: "asc" },
    });
    await tx.resourceOwner.deleteMany({ where: { resourceId: id } });
    await tx.resourceOwner.create({ data: { resourceId: id, ...principalColumns(to) } });
    await recordAuditByCaller(tx, ctx, {
      organizationId,
      action: "resource.ownership_transferred",
      target: { type: "Resource", id, label: resource.name },
      changes: {
        from: before.map((o) =>
          o.userId
            ? { userId: o.userId, label: o.user?.email ?? null }
            : { apiKeyId: o.apiKeyId, label: `key ${o.apiKey?.name}` },
        ),
        to: principalSummary(to),
      },
    });
    return resource;
  });
}
