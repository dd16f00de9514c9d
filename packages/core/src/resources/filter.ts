import { type Prisma, ResourceKind } from "@tessera/db";
import type { SortableFields } from "../list-order.ts";
import { nameContains } from "../names.ts";

/** How `Organization.resources` can be sorted; KIND in the order of the ResourceKind enum. */
export const resourceSortFields = {
  NAME: [{ column: "name", type: "string" }],
  CREATED_AT: [{ column: "createdAt", type: "date" }],
  KIND: [{ column: "kind", type: "enum", values: Object.values(ResourceKind) }],
} as const satisfies SortableFields;

export type ResourceFilter = {
  /** Only these kinds; null or empty means every kind. */
  kinds?: readonly ResourceKind[] | null;
  /** Part of the name, case-insensitive. Blank means no search. */
  search?: string | null;
  /** True: only resources in no group, the roots of the tree. */
  topLevel?: boolean | null;
};

/** The rows `Organization.resources` lists and counts: one organization, then the filter. */
export function resourceWhere(
  organizationId: string,
  filter: ResourceFilter | null | undefined,
): Prisma.ResourceWhereInput {
  const where: Prisma.ResourceWhereInput = { organizationId };
  const name = nameContains(filter?.search);
  if (name) where.name = name;
  if (filter?.kinds?.length) where.kind = { in: [...filter.kinds] };
  if (filter?.topLevel) where.parentId = null;
  return where;
}
