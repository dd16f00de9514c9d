import type { CustomerAccountStatus, Prisma } from "@tessera/db";
import { nameContains } from "../names.ts";

export type CustomerAccountFilter = {
  /** Part of the name, case-insensitive. Blank means no search. */
  search?: string | null;
  /** Only these statuses; null or empty means every status. */
  statuses?: readonly CustomerAccountStatus[] | null;
};

/** The rows `Organization.customerAccounts` lists and counts: one organization, then the filter. */
export function customerAccountWhere(
  organizationId: string,
  filter: CustomerAccountFilter | null | undefined,
): Prisma.CustomerAccountWhereInput {
  const where: Prisma.CustomerAccountWhereInput = { organizationId };
  const name = nameContains(filter?.search);
  if (name) where.name = name;
  if (filter?.statuses?.length) where.status = { in: [...filter.statuses] };
  return where;
}
