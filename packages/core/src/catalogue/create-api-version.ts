import { type ApiVersion, Prisma } from "@tessera/db";
import { recordAuditByCaller } from "../audit.ts";
import { ConflictError } from "../errors.ts";
import type { OperationContext } from "../operation-context.ts";
import { requireCatalogueManager } from "./access.ts";
import { validateApiVersionDescription, validateApiVersionName } from "./api-version-rules.ts";

export type CreateApiVersionInput = { organizationId: string; name: string; description?: string | null };

/**
 * Adds a version keys can be pinned to, released now. An organization without a default gets this
 * one as its default, so new keys always have a version to take.
 */
export async function createApiVersion(ctx: OperationContext, input: CreateApiVersionInput): Promise<ApiVersion> {
  await requireCatalogueManager(ctx, input.organizationId, "Organization not found.");
  const name = validateApiVersionName(input.name);
  const description = validateApiVersionDescription(input.description ?? null);
  try {
    return await ctx.prisma.$transaction(async (tx) => {
      const version = await tx.apiVersion.create({
        data: { organizationId: input.organizationId, name, description, releasedAt: ctx.clock.now() },
      });
      const { count: madeDefault } = await tx.organization.updateMany({
        where: { id: input.organizationId, defaultApiVersionId: null },
        data: { defaultApiVersionId: version.id },
      });
      await recordAuditByCaller(tx, ctx, {
        organizationId: input.organizationId,
        action: "api_version.created",
        target: { type: "ApiVersion", id: version.id, label: name },
        changes: { name, description, default: madeDefault > 0 },
      });
      return version;
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new ConflictError(`An API version named "${name}" already exists in this organization.`);
    }
    throw error;
  }
}
