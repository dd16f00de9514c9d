import { apiKeyStatus } from "../api-key-status.ts";
import { recordAuditByCaller } from "../audit.ts";
import { ConflictError, ValidationError } from "../errors.ts";
import type { OperationContext } from "../operation-context.ts";
import { requireActor } from "../operation-context.ts";
import { runChange } from "../verification/changes.ts";
import { enqueueApiKeyEvent } from "../webhooks/events.ts";
import { authorizeKeyWrite, lockKey } from "./key-access.ts";

export const maxRevokeReasonLength = 500;

/**
 * Revokes a key for good. Verification reads the committed row, so the very next check refuses it.
 * An expired key may still be revoked explicitly (it records who retired it and why); a revoked one
 * cannot be revoked again, so the first reason and revoker stay on record.
 */
export async function revokeApiKey(
  ctx: OperationContext,
  input: { id: string; reason?: string | null },
): Promise<{ apiKeyId: string }> {
  const actor = requireActor(ctx.viewer);
  const reason = input.reason?.trim() || null;
  if (reason && reason.length > maxRevokeReasonLength) {
    throw new ValidationError(`The reason must be at most ${maxRevokeReasonLength} characters.`, "reason");
  }
  const { organizationId } = await authorizeKeyWrite(ctx, input.id);
  await runChange(ctx, async (tx, changed) => {
    const key = await lockKey(tx, organizationId, input.id);
    if (key.revokedAt) throw new ConflictError("This key is already revoked.");
    const now = ctx.clock.now();
    await tx.apiKey.update({
      where: { id: key.id },
      data: {
        revokedAt: now,
        revokedReason: reason,
        revokedByUserId: actor.kind === "user" ? actor.userId : null,
        revokedByKeyId: actor.kind === "apiKey" ? actor.keyId : null,
        updatedAt: now,
      },
    });
    await recordAuditByCaller(tx, ctx, {
      organizationId,
      action: "api_key.revoked",
      target: { type: "ApiKey", id: key.id, label: key.name },
      // Every field the revocation changed, as from/to pairs (the audit log's shape for changes).
      changes: {
        status: { from: apiKeyStatus(key, now), to: "REVOKED" },
        revokedReason: { from: null, to: reason },
      },
    });
    // Revocation must take effect at the very next verification, on every instance.
    changed({ kind: "key", id: key.id });
    await enqueueApiKeyEvent(tx, "api_key.revoked", key.id, now);
  });
  return { apiKeyId: input.id };
}
