import type { CustomerAccount } from "@tessera/db";
import { NotFoundError } from "../errors.ts";
import { isUuid } from "../ids.ts";
import type { OperationContext } from "../operation-context.ts";

/**
 * The account a change is aimed at, after checking the caller may change accounts in its
 * organization. An unknown id, a malformed one and another organization's id all give the same
 * NotFoundError, so ids cannot be used to probe other tenants; a member or key of the account's own
 * organization without `accounts:write` gets a ForbiddenError instead.
 */
export async function loadAccountToChange(ctx: OperationContext, id: string): Promise<CustomerAccount> {
  const account = isUuid(id) ? await ctx.prisma.customerAccount.findUnique({ where: { id } }) : null;
  if (!account || !(await ctx.access.inOrganization(account.organizationId))) {
    throw new NotFoundError("Customer account not found.");
  }
  await ctx.access.require(account.organizationId, "accounts:write");
  return account;
}
