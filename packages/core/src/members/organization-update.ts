import { recordAuditByCaller } from "../audit.ts";
import { NotFoundError } from "../errors.ts";
import { normalizeName } from "../names.ts";
import { type OperationContext, requireActor } from "../operation-context.ts";
import { requireMemberManager } from "./member-manager.ts";

export type UpdateOrganizationInput = { organizationId: string; name: string };

/** Renames an organization (its slug stays: links depend on it). OWNER and ADMIN only; audited. */
export async function updateOrganization(ctx: OperationContext, input: UpdateOrganizationInput) {
  requireActor(ctx.viewer);
  await requireMemberManager(ctx, input.organizationId);
  const name = normalizeName(input.name, "name");
  return ctx.prisma.$transaction(async (tx) => {
    const before = await tx.organization.findUnique({ where: { id: input.organizationId } });
    if (!before) throw new NotFoundError("Organization not found.");
    const org = await tx.organization.update({ where: { id: before.id }, data: { name } });
    await recordAuditByCaller(tx, ctx, {
      organizationId: org.id,
      action: "organization.updated",
      target: { type: "Organization", id: org.id, label: org.name },
      changes: { name: { from: before.name, to: name } },
    });
    return org;
  });
}
