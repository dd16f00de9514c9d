import type { Prisma } from "@tessera/db";
import { recordAuditByCaller } from "../audit.ts";
import { ValidationError } from "../errors.ts";
import type { OperationContext } from "../operation-context.ts";
import { requireActor } from "../operation-context.ts";
import { runChange } from "../verification/changes.ts";
import { enqueueApiKeyEvent } from "../webhooks/events.ts";
import { type CreateApiKeyInput, nameTaken } from "./create.ts";
import { assertKeyUsable, authorizeKeyWrite, lockKey } from "./key-access.ts";
import { replaceRestrictions } from "./replace-restriction.ts";
import { assertGrantWithinCaller, assertScopesWithinCaller, resolveApiVersion } from "./restrictions.ts";
import { auditCredits, creditsRow, validateTraffic, writeCredits } from "./traffic-settings.ts";
import { storedRateLimits } from "./traffic-validation.ts";
import {
  validateDescription,
  validateManagementScopeNames,
  validateManagementScopesForRole,
  validateName,
  validateOrigins,
  validateScopeNames,
  validateUserAgent,
} from "./validation.ts";

/**
 * The editable fields. Absent (undefined) leaves a field as it is; for the restriction lists null
 * means "all", for description and user agent null clears them. Role, secret and expiry are not here:
 * they cannot be edited (expiry changes only by renewal).
 */
export type UpdateApiKeyInput = { id: string } & Omit<CreateApiKeyInput, "organizationId" | "role" | "expiresAt">;

type Change = { from: Prisma.InputJsonValue | null; to: Prisma.InputJsonValue | null };

/** Edits a key's name, description, API version and restrictions. Revoked and expired keys are read-only. */
export async function updateApiKey(ctx: OperationContext, input: UpdateApiKeyInput): Promise<{ apiKeyId: string }> {
  requireActor(ctx.viewer);
  const { organizationId } = await authorizeKeyWrite(ctx, input.id);
  // Trimmed and de-duplicated once, so the caller check and the catalogue lookup see the same names.
  const scopes = input.scopes == null ? input.scopes : validateScopeNames(input.scopes);
  // Management scopes: absent or null leaves them as they are (there is no "all" to fall back to).
  const managementScopes =
    input.managementScopes == null ? undefined : validateManagementScopeNames(input.managementScopes);
  assertScopesWithinCaller(ctx.viewer, { scopes, managementScopes });
  // Unlike on create, leaving the name out keeps it: nothing is generated, so say what to do instead.
  if (input.name === null || (input.name !== undefined && !input.name.trim())) {
    throw new ValidationError("A key always has a name: give a new one, or leave `name` out to keep it.", "name");
  }
  const name = input.name === undefined ? undefined : validateName(input.name);
  const description = input.description === undefined ? undefined : validateDescription(input.description);
  const origins = input.origins === undefined ? undefined : validateOrigins(input.origins ?? []);
  const userAgent = input.userAgent === undefined ? undefined : validateUserAgent(input.userAgent);
  const traffic = validateTraffic(input);

  try {
    await runChange(ctx, async (tx, changed) => {
      const locked = await lockKey(tx, organizationId, input.id);
      await assertGrantWithinCaller(tx, ctx.viewer, input);
      assertKeyUsable(locked, ctx.clock.now(), "edited");
      const before = await tx.apiKey.findUniqueOrThrow({
        where: { id: input.id },
        include: {
          apiVersion: { select: { name: true } },
          scopes: { select: { scope: { select: { id: true, name: true, kind: true } } } },
          resources: { select: { resourceId: true } },
          customerAccounts: { select: { customerAccountId: true } },
          credits: true,
        },
      });
      if (managementScopes) validateManagementScopesForRole(before.role, managementScopes);
      const data: Prisma.ApiKeyUncheckedUpdateInput = {};
      const changes: Record<string, Change> = {};
      const note = (field: string, from: Change["from"], to: Change["to"]) => {
        if (JSON.stringify(from) !== JSON.stringify(to)) changes[field] = { from, to };
      };

      if (name !== undefined) {
        data.name = name;
        note("name", before.name, name);
      }
      if (description !== undefined) {
        data.description = description;
        note("description", before.description, description);
      }
      if (origins !== undefined) {
        data.origins = origins;
        note("origins", before.origins, origins);
      }
      if (userAgent !== undefined) {
        data.userAgent = userAgent;
        note("userAgent", before.userAgent, userAgent);
      }
      if (traffic.rateLimits !== undefined) {
        data.rateLimits = traffic.rateLimits;
        note("rateLimits", storedRateLimits(before.rateLimits), traffic.rateLimits);
      }
      if (traffic.ipAllowlist !== undefined) {
        data.ipAllowlist = traffic.ipAllowlist;
        note("ipAllowlist", before.ipAllowlist, traffic.ipAllowlist);
      }
      if (traffic.credits !== undefined) {
        // Setting credits always writes (a partner may set the same number again to restart the
        // period's exhausted notice), and the audit shows what was there before.
        await writeCredits(tx, input.id, traffic.credits, ctx.clock.now());
        changes.credits = { from: auditCredits(before.credits), to: auditCredits(creditsRow(traffic.credits)) };
      }
      if (input.apiVersion != null && input.apiVersion !== before.apiVersion.name) {
        const version = await resolveApiVersion(tx, organizationId, input.apiVersion);
        data.apiVersionId = version.id;
        note("apiVersion", before.apiVersion.name, version.name);
      }
      Object.assign(
        data,
        await replaceRestrictions(tx, organizationId, before, { ...input, scopes, managementScopes }, note),
      );

      await tx.apiKey.update({ where: { id: input.id }, data: { ...data, updatedAt: ctx.clock.now() } });
      await recordAuditByCaller(tx, ctx, {
        organizationId,
        action: "api_key.updated",
        target: { type: "ApiKey", id: input.id, label: name ?? before.name },
        changes,
      });
      // Any restriction (scopes, resources, accounts, origins, user agent) or the API version may
      // have changed: a narrowed key must be refused at once, a widened one accepted at once.
      changed({ kind: "key", id: input.id });
      await enqueueApiKeyEvent(tx, "api_key.updated", input.id, ctx.clock.now());
    });
  } catch (error) {
    throw nameTaken(error, name ?? null) ?? error;
  }
  return { apiKeyId: input.id };
}
