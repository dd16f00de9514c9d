import type { CustomerAccount } from "@tessera/db";
import { type RateLimitRuleInput, validateRateLimits } from "../api-keys/traffic-validation.ts";
import { recordAuditByCaller } from "../audit.ts";
import { normalizeName } from "../names.ts";
import { type OperationContext, requireActor, requireOrganizationScope } from "../operation-context.ts";
import { runChange } from "../verification/changes.ts";
import { accountTokenDigest } from "../verification/existence-filter.ts";
import { withFreshAccountToken } from "./token-retry.ts";

export type CreateCustomerAccountInput = {
  organizationId: string;
  name: string;
  /** Limits shared by every key used with the account's token; null or absent: none. */
  rateLimits?: readonly RateLimitRuleInput[] | null;
};

/** Creates an ACTIVE customer account with a new account token, and audits it in the same transaction. */
export async function createCustomerAccount(
  ctx: OperationContext,
  input: CreateCustomerAccountInput,
): Promise<CustomerAccount> {
  requireActor(ctx.viewer);
  await requireOrganizationScope(ctx, input.organizationId, "accounts:write");
  const name = normalizeName(input.name);
  const rateLimits = validateRateLimits(input.rateLimits ?? []);

  return withFreshAccountToken((token) =>
    runChange(ctx, async (tx, changed) => {
      const account = await tx.customerAccount.create({
        data: { organizationId: input.organizationId, name, token, rateLimits, createdAt: ctx.clock.now() },
      });
      await recordAuditByCaller(tx, ctx, {
        organizationId: account.organizationId,
        action: "customer_account.created",
        target: { type: "CustomerAccount", id: account.id, label: account.name },
        changes: { name: account.name, status: account.status, ...(rateLimits.length ? { rateLimits } : {}) },
      });
      // The token must verify at once, on every instance (it joins their existence filters).
      changed({ kind: "created", digest: accountTokenDigest(token) });
      return account;
    }),
  );
}
