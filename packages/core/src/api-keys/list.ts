import type { Prisma } from "@tessera/db";
import type { ApiKeyStatus } from "../api-key-status.ts";
import { expiringWindowDays } from "../api-key-status.ts";

export type ApiKeyFilter = {
  /** Case-insensitive substring of the name, description or hint. */
  search?: string | null;
  statuses?: readonly ApiKeyStatus[] | null;
  /** The API version's name. */
  apiVersion?: string | null;
  /** The creating member's user id. */
  createdById?: string | null;
};

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
  return and.length ? { organizationId, AND: and } : { organizationId };
}
