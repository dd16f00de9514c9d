import type { ApiVersion } from "@tessera/db";
import { recordAuditByCaller } from "../audit.ts";
import { ValidationError } from "../errors.ts";
import type { OperationContext } from "../operation-context.ts";
import { runChange } from "../verification/changes.ts";
import { validateSunset } from "./api-version-rules.ts";
import { loadApiVersion, lockApiVersion } from "./load-api-version.ts";

export type DeprecateApiVersionInput = { id: string; sunsetAt: Date };

/**
 * Deprecates a version and announces its sunset. Keys on it keep verifying (also after the sunset:
 * the partner decides when to stop serving it), and every valid verification of such a key says so
 * (`apiVersionDeprecated`, `apiVersionSunsetAt`, the `Deprecation` and `Sunset` headers) on every
 * instance from the moment this returns. Deprecating again moves the sunset; the deprecation date stays.
 * The default version cannot be deprecated: new keys would be pinned to a deprecated version.
 */
export async function deprecateApiVersion(ctx: OperationContext, input: DeprecateApiVersionInput): Promise<ApiVersion> {
  const found = await loadApiVersion(ctx, input.id);
  const now = ctx.clock.now();
  const sunsetAt = validateSunset(input.sunsetAt, now);
  return runChange(ctx, async (tx, changed) => {
    const version = await lockApiVersion(tx, found);
    if (version.isDefault) {
      throw new ValidationError(
        `"${version.name}" is the default version for new keys; make another version the default first.`,
        "id",
      );
    }
    const deprecatedAt = version.deprecatedAt ?? now;
    const updated = await tx.apiVersion.update({
      where: { id: version.id },
      // `deprecated` stays the yes/no view of `deprecatedAt`.
      data: { deprecated: true, deprecatedAt, sunsetAt },
    });
    await recordAuditByCaller(tx, ctx, {
      organizationId: version.organizationId,
      action: "api_version.deprecated",
      target: { type: "ApiVersion", id: version.id, label: version.name },
      changes: {
        deprecatedAt: deprecatedAt.toISOString(),
        sunsetAt: { from: version.sunsetAt?.toISOString() ?? null, to: sunsetAt.toISOString() },
      },
    });
    // Every cached key of the organization answers from an entry holding its version's state.
    changed({ kind: "organization", id: version.organizationId });
    return updated;
  });
}
