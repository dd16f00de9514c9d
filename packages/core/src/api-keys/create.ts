import { generateApiKey } from "../api-key-secret.ts";
import { recordAuditByCaller } from "../audit.ts";
import { ConflictError } from "../errors.ts";
import type { OperationContext } from "../operation-context.ts";
import { requireActor } from "../operation-context.ts";
import { isUniqueViolation } from "../unique-violation.ts";
import { runChange } from "../verification/changes.ts";
import { enqueueApiKeyEvent } from "../webhooks/events.ts";
import { uniqueKeyName } from "./naming.ts";
import {
  assertGrantWithinCaller,
  assertScopesWithinCaller,
  resolveApiVersion,
  resolveCustomerAccountIds,
  resolveResourceIds,
  resolveScopes,
} from "./restrictions.ts";
import { auditCredits, creditsRow, type TrafficInput, validateTraffic, writeCredits } from "./traffic-settings.ts";
import {
  validateDescription,
  validateExpiry,
  validateKeyHoldsAScope,
  validateManagementScopeNames,
  validateManagementScopesForRole,
  validateName,
  validateOrigins,
  validateScopeNames,
  validateUserAgent,
} from "./validation.ts";

export type CreateApiKeyInput = {
  organizationId: string;
  name?: string | null;
  description?: string | null;
  role?: "EDITOR" | "VIEWER" | null;
  apiVersion?: string | null;
  /** Data scopes; null or absent: all data scopes (now and later), never a management scope. */
  scopes?: readonly string[] | null;
  /** Management scopes, granted only by name; null or absent: none. */
  managementScopes?: readonly string[] | null;
  /** null or absent: all resources. */
  resourceIds?: readonly string[] | null;
  /** null or absent: all customer accounts. */
  customerAccountIds?: readonly string[] | null;
  origins?: readonly string[] | null;
  userAgent?: string | null;
  /** null or absent: 12 months from now. */
  expiresAt?: Date | null;
} & TrafficInput;

/**
 * Issues a key. The secret is returned here and nowhere else: only its hash and a hint are stored,
 * and neither the audit event nor anything logged carries it.
 */
export async function createApiKey(ctx: OperationContext, input: CreateApiKeyInput) {
  const actor = requireActor(ctx.viewer);
  const { organizationId } = input;
  await ctx.access.require(organizationId, "keys:write");
  // Trimmed and de-duplicated once, so the caller check and the catalogue lookup see the same names.
  const scopeNames = input.scopes == null ? null : validateScopeNames(input.scopes);
  const managementNames = validateManagementScopeNames(input.managementScopes ?? []);
  const role = input.role ?? "VIEWER";
  validateManagementScopesForRole(role, managementNames);
  validateKeyHoldsAScope(scopeNames, managementNames);
  assertScopesWithinCaller(ctx.viewer, { scopes: scopeNames, managementScopes: managementNames });
  const now = ctx.clock.now();
  const explicitName = input.name == null ? null : validateName(input.name);
  const description = validateDescription(input.description ?? null);
  const origins = validateOrigins(input.origins ?? []);
  const userAgent = validateUserAgent(input.userAgent ?? null);
  const expiresAt = validateExpiry(input.expiresAt ?? null, now);
  const traffic = validateTraffic(input);

  const generated = generateApiKey();
  try {
    // runChange: the new key's hash joins every instance's existence filter before this returns.
    const key = await runChange(ctx, async (tx, changed) => {
      await assertGrantWithinCaller(tx, ctx.viewer, {
        role,
        resourceIds: input.resourceIds ?? null,
        customerAccountIds: input.customerAccountIds ?? null,
      });
      const version = await resolveApiVersion(tx, organizationId, input.apiVersion ?? undefined);
      const scopes = scopeNames && (await resolveScopes(tx, organizationId, "DATA", scopeNames));
      const management = await resolveScopes(tx, organizationId, "MANAGEMENT", managementNames);
      const resourceIds = input.resourceIds && (await resolveResourceIds(tx, organizationId, input.resourceIds));
      const accountIds =
        input.customerAccountIds && (await resolveCustomerAccountIds(tx, organizationId, input.customerAccountIds));
      const name = explicitName ?? (await uniqueKeyName(tx, organizationId));
      const created = await tx.apiKey.create({
        data: {
          organizationId,
          name,
          description,
          hashedKey: generated.hash,
          hint: generated.hint,
          role,
          apiVersionId: version.id,
          allScopes: scopes === null,
          allResources: !resourceIds,
          allCustomerAccounts: !accountIds,
          origins,
          userAgent,
          expiresAt,
          rateLimits: traffic.rateLimits ?? [],
          ipAllowlist: traffic.ipAllowlist ?? [],
          createdAt: now,
          createdByUserId: actor.kind === "user" ? actor.userId : null,
          createdByKeyId: actor.kind === "apiKey" ? actor.keyId : null,
          scopes: { create: [...(scopes ?? []), ...management].map((s) => ({ scopeId: s.id })) },
          resources: { create: (resourceIds ?? []).map((resourceId) => ({ resourceId })) },
          customerAccounts: { create: (accountIds ?? []).map((customerAccountId) => ({ customerAccountId })) },
        },
        select: { id: true, name: true },
      });
      if (traffic.credits) await writeCredits(tx, created.id, traffic.credits, now);
      await recordAuditByCaller(tx, ctx, {
        organizationId,
        action: "api_key.created",
        target: { type: "ApiKey", id: created.id, label: created.name },
        changes: {
          name,
          description,
          hint: generated.hint,
          role,
          apiVersion: version.name,
          scopes: scopes ? scopes.map((s) => s.name).sort() : "all",
          managementScopes: management.map((s) => s.name).sort(),
          resourceIds: resourceIds ?? "all",
          customerAccountIds: accountIds ?? "all",
          origins,
          userAgent,
          expiresAt: expiresAt.toISOString(),
          rateLimits: traffic.rateLimits ?? [],
          ipAllowlist: traffic.ipAllowlist ?? [],
          credits: auditCredits(creditsRow(traffic.credits ?? null)),
        },
      });
      await enqueueApiKeyEvent(tx, "api_key.created", created.id, now);
      changed({ kind: "created", digest: generated.hash });
      return created;
    });
    return { apiKeyId: key.id, secret: generated.secret };
  } catch (error) {
    throw nameTaken(error, explicitName) ?? error;
  }
}

/** The unique index on (organization, name) is the final word when two creations race for a name. */
export function nameTaken(error: unknown, name: string | null): ConflictError | null {
  if (isUniqueViolation(error)) {
    return new ConflictError(`An API key named "${name ?? "(generated)"}" already exists in this organization.`);
  }
  return null;
}
