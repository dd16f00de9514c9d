import type { ApiVersion } from "@tessera/db";
import { recordAuditByCaller } from "../audit.ts";
import { ValidationError } from "../errors.ts";
import type { OperationContext } from "../operation-context.ts";
import { defaultApiVersion } from "./default-api-version.ts";
import { loadApiVersion, lockApiVersion } from "./load-api-version.ts";

/**
 * Makes a version the one new keys get when none is chosen. Existing keys keep their version. A
 * deprecated version cannot be the default: it is not offered for new keys at all.
 */
export async function setDefaultApiVersion(ctx: OperationContext, input: { id: string }): Promise<ApiVersion> {
  const found = await loadApiVersion(ctx, input.id);
  return ctx.prisma.$transaction(async (tx) => {
    const { isDefault, ...version } = await lockApiVersion(tx, found);
    if (version.deprecated) {
      throw new ValidationError(`"${version.name}" is deprecated; only a current version can be the default.`, "id");
    }
    if (isDefault) return version;
    const before = await defaultApiVersion(tx, version.organizationId);
    await tx.organization.update({ where: { id: version.organizationId }, data: { defaultApiVersionId: version.id } });
    await recordAuditByCaller(tx, ctx, {
      organizationId: version.organizationId,
      action: "api_version.default_changed",
      target: { type: "ApiVersion", id: version.id, label: version.name },
      changes: { from: before?.name ?? null, to: version.name },
    });
    return version;
  });
}
