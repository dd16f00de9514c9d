import { recordAuditByCaller } from "../audit.ts";
import type { OperationContext } from "../operation-context.ts";
import { requireActor } from "../operation-context.ts";
import { runChange } from "../verification/changes.ts";
import { enqueueApiKeyEvent } from "../webhooks/events.ts";
import { assertKeyUsable, authorizeKeyWrite, lockKey } from "./key-access.ts";
import { twelveMonthsAfter } from "./validation.ts";

/**
 * Extends an active, unexpired key to 12 months from now. Two renewals at once both succeed, one
 * after the other under the row lock; the later one sets the final expiry.
 */
export async function renewApiKey(ctx: OperationContext, input: { id: string }): Promise<{ apiKeyId: string }> {
  requireActor(ctx.viewer);
  const { organizationId } = await authorizeKeyWrite(ctx, input.id);
  await runChange(ctx, async (tx, changed) => {
    const key = await lockKey(tx, organizationId, input.id);
    const now = ctx.clock.now();
    assertKeyUsable(key, now, "renewed");
    const expiresAt = twelveMonthsAfter(now);
    await tx.apiKey.update({ where: { id: key.id }, data: { expiresAt, renewedAt: now, updatedAt: now } });
    await recordAuditByCaller(tx, ctx, {
      organizationId,
      action: "api_key.renewed",
      target: { type: "ApiKey", id: key.id, label: key.name },
      changes: { expiresAt: { from: key.expiresAt.toISOString(), to: expiresAt.toISOString() } },
    });
    // A cached entry still holds the old expiry: without this, a renewed key would be refused as
    // EXPIRED by instances that cached it before the renewal.
    changed({ kind: "key", id: key.id });
    await enqueueApiKeyEvent(tx, "api_key.renewed", key.id, now);
  });
  return { apiKeyId: input.id };
}
