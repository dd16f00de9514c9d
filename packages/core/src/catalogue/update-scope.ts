import type { Scope } from "@tessera/db";
import { recordAuditByCaller } from "../audit.ts";
import type { OperationContext } from "../operation-context.ts";
import { loadDataScope } from "./load-scope.ts";
import { validateScopeDescription } from "./scope-rules.ts";

export type UpdateScopeInput = { id: string; description: string };

/** Changes what a data scope says it allows. Its name is part of every service's checks, so it never changes. */
export async function updateScope(ctx: OperationContext, input: UpdateScopeInput): Promise<Scope> {
  const before = await loadDataScope(ctx, input.id);
  const description = validateScopeDescription(input.description);
  return ctx.prisma.$transaction(async (tx) => {
    const scope = await tx.scope.update({ where: { id: before.id }, data: { description } });
    if (description !== before.description) {
      await recordAuditByCaller(tx, ctx, {
        organizationId: scope.organizationId,
        action: "scope.updated",
        target: { type: "Scope", id: scope.id, label: scope.name },
        changes: { description: { from: before.description, to: description } },
      });
    }
    return scope;
  });
}
