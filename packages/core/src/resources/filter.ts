import type { Prisma, ResourceKind } from "@tessera/db";
import { nameContains } from "../names.ts";

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
