import type { Scope } from "@tessera/db";
import { recordAuditByCaller } from "../audit.ts";
import { ConflictError } from "../errors.ts";
import type { OperationContext } from "../operation-context.ts";
import { runChange } from "../verification/changes.ts";
import { loadDataScope } from "./load-scope.ts";

/**
 * Retires a data scope: it can no longer be granted, keys that hold it keep it listed (as retired),
 * and no key verifies with it any more — on every instance by the time this returns. The cached keys
 * of the whole organization go, not only the keys holding it by name: every all-scopes key held it too.
 */
export function retireScope(ctx: OperationContext, input: { id: string }): Promise<Scope> {
  return setRetired(ctx, input.id, true);
}

/** Brings a retired scope back: grantable again, and the keys that still hold it verify with it again. */
export function restoreScope(ctx: OperationContext, input: { id: string }): Promise<Scope> {
  return setRetired(ctx, input.id, false);
}

async function setRetired(ctx: OperationContext, id: string, retire: boolean): Promise<Scope> {
  const scope = await loadDataScope(ctx, id);
  return runChange(ctx, async (tx, changed) => {
    // Conditional on the current state, so two racing retirements record one event, not two.
    const { count } = await tx.scope.updateMany({
      where: { id: scope.id, retiredAt: retire ? null : { not: null } },
      data: { retiredAt: retire ? ctx.clock.now() : null },
    });
    if (count === 0) {
      throw new ConflictError(
        retire ? `The scope "${scope.name}" is already retired.` : `The scope "${scope.name}" is not retired.`,
      );
    }
    const holders = await tx.apiKeyScope.count({ where: { scopeId: scope.id } });
    await recordAuditByCaller(tx, ctx, {
      organizationId: scope.organizationId,
      action: retire ? "scope.retired" : "scope.restored",
      target: { type: "Scope", id: scope.id, label: scope.name },
      changes: { keysHoldingIt: holders },
    });
    changed({ kind: "organization", id: scope.organizationId });
    return tx.scope.findUniqueOrThrow({ where: { id: scope.id } });
  });
}
