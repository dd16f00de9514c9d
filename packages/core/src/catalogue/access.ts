import { ForbiddenError, NotFoundError } from "../errors.ts";
import { isUuid } from "../ids.ts";
import type { OperationContext } from "../operation-context.ts";
import { requireActor } from "../operation-context.ts";

/**
 * The catalogue (data scopes and API versions) is organization settings: OWNER and ADMIN members
 * change it, nobody else. A key never does, whatever its scopes: a key that could add or retire
 * scopes could widen what every all-scopes key of the organization verifies for. EDITOR and VIEWER
 * members, and keys, still read it (read rule `catalogue`). No access at all reads as not found.
 */
export async function requireCatalogueManager(ctx: OperationContext, organizationId: string, notFound: string) {
  requireActor(ctx.viewer);
  const access = isUuid(organizationId) ? await ctx.access.inOrganization(organizationId) : null;
  if (!access) throw new NotFoundError(notFound);
  if (access.role === null) {
    throw new ForbiddenError("API keys cannot change the scope catalogue or the API versions; an owner or admin can.");
  }
  if (access.role !== "OWNER" && access.role !== "ADMIN") {
    throw new ForbiddenError(
      `Your role (${access.role}) cannot change the scope catalogue or the API versions; owners and admins can.`,
    );
  }
}

/**
 * The row an id names, once the caller may change the catalogue of its organization. An unknown id,
 * and an id of another organization, are the same NotFoundError.
 */
export async function loadForCatalogueChange<T extends { organizationId: string }>(
  ctx: OperationContext,
  find: () => Promise<T | null>,
  notFound: string,
): Promise<T> {
  requireActor(ctx.viewer);
  const row = await find();
  if (!row) throw new NotFoundError(notFound);
  await requireCatalogueManager(ctx, row.organizationId, notFound);
  return row;
}
