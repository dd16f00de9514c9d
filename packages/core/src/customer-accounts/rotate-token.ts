import type { CustomerAccount } from "@tessera/db";
import { recordAuditByCaller } from "../audit.ts";
import { type OperationContext, requireActor } from "../operation-context.ts";
import { runChange } from "../verification/changes.ts";
import { accountTokenDigest } from "../verification/existence-filter.ts";
import { enqueueCustomerAccountEvent } from "../webhooks/events.ts";
import { loadAccountToChange } from "./load.ts";
import { withFreshAccountToken } from "./token-retry.ts";

/**
 * Replaces the account token. Only the current token is stored, so the old one stops identifying
 * the account the moment this commits. The audit event records that the token rotated, not the
 * tokens themselves: the log outlives every token and should not become a second place to copy them from.
 */
export async function rotateAccountToken(ctx: OperationContext, input: { id: string }): Promise<CustomerAccount> {
  requireActor(ctx.viewer);
  const account = await loadAccountToChange(ctx, input.id);

  return withFreshAccountToken((token) =>
    runChange(ctx, async (tx, changed) => {
      const rotated = await tx.customerAccount.update({ where: { id: account.id }, data: { token } });
      await recordAuditByCaller(tx, ctx, {
        organizationId: rotated.organizationId,
        action: "customer_account.token_rotated",
        target: { type: "CustomerAccount", id: rotated.id, label: rotated.name },
        changes: { token: "rotated" },
      });
      // The old token must stop identifying the account at once, on every instance.
      changed({ kind: "account", id: rotated.id });
      // …and the new one must identify it at once, on every instance.
      changed({ kind: "created", digest: accountTokenDigest(token) });
      await enqueueCustomerAccountEvent(tx, "customer_account.token_rotated", rotated.id, ctx.clock.now());
      return rotated;
    }),
  );
}
