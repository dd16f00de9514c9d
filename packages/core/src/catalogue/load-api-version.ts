import type { ApiVersion, Prisma } from "@tessera/db";
import { isUuid } from "../ids.ts";
import type { OperationContext } from "../operation-context.ts";
import { loadForCatalogueChange } from "./access.ts";

type VersionState = ApiVersion & { isDefault: boolean };

/** The API version an id names, for a caller who may change its organization's catalogue. */
export function loadApiVersion(ctx: OperationContext, id: string): Promise<ApiVersion> {
  return loadForCatalogueChange(
    ctx,
    () => (isUuid(id) ? ctx.prisma.apiVersion.findUnique({ where: { id } }) : Promise.resolve(null)),
    "API version not found.",
  );
}

/**
 * The version as it is now, with whether it is the default, read after locking its organization's
 * row. Deprecating and choosing the default both take this lock, so they cannot race into a
 * deprecated default (each checks the other's rule under it).
 */
export async function lockApiVersion(tx: Prisma.TransactionClient, version: ApiVersion): Promise<VersionState> {
  await tx.$queryRaw`SELECT 1 FROM "Organization" WHERE id = ${version.organizationId}::uuid FOR UPDATE`;
  const row = await tx.apiVersion.findUniqueOrThrow({ where: { id: version.id }, include: { defaultFor: true } });
  const { defaultFor, ...current } = row;
  return { ...current, isDefault: defaultFor !== null };
}
