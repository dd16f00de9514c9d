import type { Scope } from "@tessera/db";
import { ValidationError } from "../errors.ts";
import { isUuid } from "../ids.ts";
import type { OperationContext } from "../operation-context.ts";
import { loadForCatalogueChange } from "./access.ts";

/**
 * The data scope an id names, for a caller who may change its organization's catalogue. Management
 * scopes are Tessera's own: they are read like any scope but never described, retired or restored.
 */
export async function loadDataScope(ctx: OperationContext, id: string): Promise<Scope> {
  const scope = await loadForCatalogueChange(
    ctx,
    () => (isUuid(id) ? ctx.prisma.scope.findUnique({ where: { id } }) : Promise.resolve(null)),
    "Scope not found.",
  );
  if (scope.kind !== "DATA") {
    throw new ValidationError(`"${scope.name}" is one of Tessera's management scopes; it cannot be changed.`, "id");
  }
  return scope;
}
