import type { CustomerAccount, CustomerAccountStatus, Prisma } from "@tessera/db";
import { type RateLimitRuleInput, storedRateLimits, validateRateLimits } from "../api-keys/traffic-validation.ts";
import { recordAuditByCaller } from "../audit.ts";
import { ConflictError, ValidationError } from "../errors.ts";
import { normalizeName } from "../names.ts";
import { type OperationContext, requireActor } from "../operation-context.ts";
import { runChange } from "../verification/changes.ts";
import { enqueueCustomerAccountEvent } from "../webhooks/events.ts";
import { loadAccountToChange } from "./load.ts";
import { assertStatusChange } from "./status.ts";

export type UpdateCustomerAccountInput = {
  id: string;
  /** A new name; null or absent keeps the current one. */
  name?: string | null;
  /** A new status; null or absent keeps the current one. */
  status?: CustomerAccountStatus | null;
  /** Limits shared by every key used with the account's token; null or absent keeps them, [] removes them. */
  rateLimits?: readonly RateLimitRuleInput[] | null;
};

/**
 * Renames an account and/or changes its status. A CLOSED account is never reopened. The change is
 * audited as `customer_account.status_changed` when the status changes (that is what admins look
 * for in the log), otherwise as `customer_account.updated`; an update that changes nothing writes nothing.
 */
export async function updateCustomerAccount(
  ctx: OperationContext,
  input: UpdateCustomerAccountInput,
): Promise<CustomerAccount> {
  requireActor(ctx.viewer);
  const account = await loadAccountToChange(ctx, input.id);
  if (input.name == null && input.status == null && input.rateLimits == null) {
    throw new ValidationError("Nothing to change: give a new name, a new status or rate limits.");
  }
  const rateLimits = input.rateLimits == null ? null : validateRateLimits(input.rateLimits);
  const name = input.name == null ? account.name : normalizeName(input.name);
  const status = input.status ?? account.status;
  assertStatusChange(account.status, status);

  const changes: Record<string, Prisma.InputJsonValue> = {};
  if (name !== account.name) changes.name = { from: account.name, to: name };
  if (status !== account.status) changes.status = { from: account.status, to: status };
  const before = storedRateLimits(account.rateLimits);
  if (rateLimits && JSON.stringify(rateLimits) !== JSON.stringify(before)) {
    changes.rateLimits = { from: before, to: rateLimits };
  }
  if (Object.keys(changes).length === 0) return account;

  return runChange(ctx, async (tx, changed) => {
    // Only if the status is still the one the rule was checked against: otherwise a concurrent
    // close could be undone by an update that read the account before it was closed.
    const { count } = await tx.customerAccount.updateMany({
      where: { id: account.id, status: account.status },
      data: { name, status, ...(changes.rateLimits ? { rateLimits: rateLimits ?? [] } : {}) },
    });
    if (count === 0) throw new ConflictError("The account was changed at the same time; reload it and try again.");
    await recordAuditByCaller(tx, ctx, {
      organizationId: account.organizationId,
      action: changes.status ? "customer_account.status_changed" : "customer_account.updated",
      target: { type: "CustomerAccount", id: account.id, label: name },
      changes,
    });
    // A suspended or closed account must be refused (ACCOUNT_INACTIVE) at once, a reactivated one
    // accepted at once; new limits apply at once. (A rename changes no answer, but is rare enough
    // not to single out.)
    changed({ kind: "account", id: account.id });
    if (changes.status)
      await enqueueCustomerAccountEvent(tx, "customer_account.status_changed", account.id, ctx.clock.now());
    return tx.customerAccount.findUniqueOrThrow({ where: { id: account.id } });
  });
}
