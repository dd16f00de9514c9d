import { CustomerAccountStatus, type Prisma } from "@tessera/db";
import type { SortableFields } from "../list-order.ts";
import { nameContains } from "../names.ts";

/** How `Organization.customerAccounts` can be sorted; STATUS in the order ACTIVE, SUSPENDED, CLOSED. */
export const customerAccountSortFields = {
  NAME: [{ column: "name", type: "string" }],
  CREATED_AT: [{ column: "createdAt", type: "date" }],
  STATUS: [{ column: "status", type: "enum", values: Object.values(CustomerAccountStatus) }],
} as const satisfies SortableFields;

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
