import type { Resource } from "@tessera/db";
import { recordAuditByCaller } from "../audit.ts";
import { normalizeName } from "../names.ts";
import type { OperationContext } from "../operation-context.ts";
import { authorizeResourceChange, lockResource } from "./authorize.ts";

export type UpdateResourceInput = { id: string; name: string };

/** Renames a resource. The name is all a resource holds, so verification has nothing to forget. */
export async function updateResource(ctx: OperationContext, input: UpdateResourceInput): Promise<Resource> {
  const name = normalizeName(input.name);
  const { id } = await authorizeResourceChange(ctx, input.id, "write");
  return ctx.prisma.$transaction(async (tx) => {
    const before = await lockResource(tx, id);
    if (before.name === name) return before;
    const resource = await tx.resource.update({ where: { id }, data: { name } });
    await recordAuditByCaller(tx, ctx, {
      organizationId: resource.organizationId,
      action: "resource.updated",
      target: { type: "Resource", id, label: name },
      changes: { name: { from: before.name, to: name } },
    });
    return resource;
  });
}
