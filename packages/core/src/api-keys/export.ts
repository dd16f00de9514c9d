import type { PrismaClient } from "@tessera/db";
import { apiKeyStatus } from "../api-key-status.ts";
import { encodeId } from "../ids.ts";
import { keysetBatches, type ListOrder } from "../list-order.ts";
import { type ApiKeyFilter, apiKeyListWhere, apiKeySortFields } from "./list.ts";

/** The columns of the key export, in order. Never a secret or its hash: only what the list shows. */
export const apiKeyExportColumns = [
  "id",
  "name",
  "description",
  "hint",
  "status",
  "role",
  "apiVersion",
  "scopes",
  "createdBy",
  "createdAt",
  "expiresAt",
  "lastUsedAt",
  "renewedAt",
  "revokedAt",
  "revokedReason",
] as const;

export type ApiKeyExportRow = Record<(typeof apiKeyExportColumns)[number], string>;

const exportSelect = {
  id: true,
  name: true,
  description: true,
  hint: true,
  role: true,
  allScopes: true,
  createdAt: true,
  expiresAt: true,
  lastUsedAt: true,
  renewedAt: true,
  revokedAt: true,
  revokedReason: true,
  createdByKeyId: true,
  apiVersion: { select: { name: true } },
  createdByUser: { select: { email: true } },
  scopes: { select: { scope: { select: { name: true } } } },
} as const;

const time = (value: Date | null) => value?.toISOString() ?? "";

/**
 * Every key of one organization matching a filter, under an order, as export rows, in batches read one
 * after the other (the caller writes each before the next is read). Times are absolute (ISO 8601, UTC).
 */
export async function* apiKeyExportBatches(
  prisma: PrismaClient,
  organizationId: string,
  filter: ApiKeyFilter,
  order: ListOrder,
  now: Date,
  batchSize = 500,
): AsyncGenerator<ApiKeyExportRow[]> {
  const where = apiKeyListWhere(organizationId, filter, now) as Record<string, unknown>;
  const read = (args: { where: Record<string, unknown>; orderBy: unknown; take: number }) =>
    prisma.apiKey.findMany({ ...(args as object), select: exportSelect });
  for await (const keys of keysetBatches(read, apiKeySortFields, order, where, batchSize)) {
    yield keys.map((key) => ({
      id: encodeId("ApiKey", key.id),
      name: key.name,
      description: key.description ?? "",
      hint: key.hint,
      status: apiKeyStatus(key, now),
      role: key.role,
      apiVersion: key.apiVersion.name,
      scopes: key.allScopes
        ? "all"
        : key.scopes
            .map((s) => s.scope.name)
            .sort()
            .join(" "),
      createdBy:
        key.createdByUser?.email ?? (key.createdByKeyId ? `key ${encodeId("ApiKey", key.createdByKeyId)}` : ""),
      createdAt: time(key.createdAt),
      expiresAt: time(key.expiresAt),
      lastUsedAt: time(key.lastUsedAt),
      renewedAt: time(key.renewedAt),
      revokedAt: time(key.revokedAt),
      revokedReason: key.revokedReason ?? "",
    }));
  }
}
