import type { Prisma } from "@tessera/db";
import type { ApiKeyStatus } from "../api-key-status.ts";
import { expiringWindowDays } from "../api-key-status.ts";
import type { SortableFields } from "../list-order.ts";

export type ApiKeyFilter = {
  /** Case-insensitive substring of the name, description or hint. */
  search?: string | null;
  statuses?: readonly ApiKeyStatus[] | null;
  /** The API version's name. */
  apiVersion?: string | null;
  /** The creating member's user id. */
  createdById?: string | null;
  /** The creating API key's id. */
  createdByKeyId?: string | null;
  /** Only keys that expire before this moment. */
  expiresBefore?: Date | null;
  /** Only keys not used since this moment: never used, or last used before it. */
  unusedSince?: Date | null;
  /** Only keys whose account restriction names this customer account (not keys allowed every account). */
  customerAccountId?: string | null;
  /** Only keys whose resource restriction names this resource (not keys allowed every resource). */
  resourceId?: string | null;
};

/**
 * How `Organization.apiKeys` can be sorted. STATUS is not a column: ACTIVE, EXPIRING and EXPIRED are
 * the unrevoked keys by expiry, latest first, then the revoked ones, so it sorts on (revokedAt nulls
 * first, expiresAt descending), which needs no clock and keeps cursors valid as time passes.
 * A key never used sorts after every used key in both directions.
 */
export const apiKeySortFields = {
  NAME: [{ column: "name", type: "string" }],
  CREATED_AT: [{ column: "createdAt", type: "date" }],
  EXPIRES_AT: [{ column: "expiresAt", type: "date" }],
  LAST_USED_AT: [{ column: "lastUsedAt", type: "date", nulls: "alwaysLast" }],
  STATUS: [
    { column: "revokedAt", type: "date", nulls: "first" },
    { column: "expiresAt", type: "date", descending: true },
  ],
} as const satisfies SortableFields;

const dayMs = 24 * 60 * 60 * 1000;

/** The rows in one status as of `now`, mirroring `apiKeyStatus` exactly (EXPIRED even if never revoked). */
export function apiKeyStatusWhere(status: ApiKeyStatus, now: Date): Prisma.ApiKeyWhereInput {
  const expiringBefore = new Date(now.getTime() + expiringWindowDays * dayMs);
  switch (status) {
    case "REVOKED":
      return { revokedAt: { not: null } };
    case "EXPIRED":
      return { revokedAt: null, expiresAt: { lte: now } };
    case "EXPIRING":
      return { revokedAt: null, expiresAt: { gt: now, lte: expiringBefore } };
    case "ACTIVE":
      return { revokedAt: null, expiresAt: { gt: expiringBefore } };
  }
}

/** The keys of one organization matching a filter, as a Prisma `where`. Empty filter parts are ignored. */
export function apiKeyListWhere(organizationId: string, filter: ApiKeyFilter, now: Date): Prisma.ApiKeyWhereInput {
  const and: Prisma.ApiKeyWhereInput[] = [];
  const search = filter.search?.trim();
  if (search) {
    const contains = { contains: search, mode: "insensitive" as const };
    and.push({ OR: [{ name: contains }, { description: contains }, { hint: contains }] });
  }
  if (filter.statuses?.length) {
    and.push({ OR: [...new Set(filter.statuses)].map((status) => apiKeyStatusWhere(status, now)) });
  }
  if (filter.apiVersion) and.push({ apiVersion: { name: filter.apiVersion } });
  if (filter.createdById) and.push({ createdByUserId: filter.createdById });
  if (filter.createdByKeyId) and.push({ createdByKeyId: filter.createdByKeyId });
  if (filter.expiresBefore) and.push({ expiresAt: { lt: filter.expiresBefore } });
  if (filter.unusedSince) and.push({ OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: filter.unusedSince } }] });
  if (filter.customerAccountId) {
    and.push({
      allCustomerAccounts: false,
      customerAccounts: { some: { customerAccountId: filter.customerAccountId } },
    });
  }
  if (filter.resourceId) and.push({ allResources: false, resources: { some: { resourceId: filter.resourceId } } });
  return and.length ? { organizationId, AND: and } : { organizationId };
}
