import { Prisma, type Scope } from "@tessera/db";
import { recordAuditByCaller } from "../audit.ts";
import { ConflictError } from "../errors.ts";
import type { OperationContext } from "../operation-context.ts";
import { runChange } from "../verification/changes.ts";
import { requireCatalogueManager } from "./access.ts";
import { validateScopeDescription, validateScopeName } from "./scope-rules.ts";

export type CreateScopeInput = { organizationId: string; name: string; description: string };

/**
 * Adds a data scope to the organization's catalogue. Every all-scopes key holds it from the moment
 * this returns, on every instance: the organization's cached keys are dropped.
 */
export async function createScope(ctx: OperationContext, input: CreateScopeInput): Promise<Scope> {
  await requireCatalogueManager(ctx, input.organizationId, "Organization not found.");
  const name = validateScopeName(input.name);
  const description = validateScopeDescription(input.description);
  try {
    return await runChange(ctx, async (tx, changed) => {
      const existing = await tx.scope.findUnique({
        where: { organizationId_name: { organizationId: input.organizationId, name } },
        select: { retiredAt: true },
      });
      if (existing) throw scopeTaken(name, existing.retiredAt !== null);
      const scope = await tx.scope.create({
        data: { organizationId: input.organizationId, name, description, kind: "DATA" },
      });
      await recordAuditByCaller(tx, ctx, {
        organizationId: input.organizationId,
        action: "scope.created",
        target: { type: "Scope", id: scope.id, label: name },
        changes: { name, description },
      });
      changed({ kind: "organization", id: input.organizationId });
      return scope;
    });
  } catch (error) {
    // Two creations racing for one name: the unique index decides, and the loser hears the same answer.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw scopeTaken(name, false);
    throw error;
  }
}

function scopeTaken(name: string, retired: boolean): ConflictError {
  return new ConflictError(
    retired
      ? `The scope "${name}" already exists and is retired; restore it instead.`
      : `The scope "${name}" already exists in this organization.`,
  );
}
