import type { KeyRole, PrismaClient } from "@tessera/db";
import type { CreditRefillInterval, RateLimitRule } from "../api-keys/traffic-validation.ts";
import { isUuid } from "../ids.ts";
import type { ManagementScope } from "../roles.ts";
import type { AccountEntry, KeyEntry, ResourceChain } from "./entry.ts";
import { toIpRanges } from "./ip-allowlist.ts";

type KeyRow = {
  id: string;
  name: string;
  organizationId: string;
  role: KeyRole;
  apiVersion: string;
  allScopes: boolean;
  scopes: string[];
  managementScopes: ManagementScope[];
  catalogue: string[];
  allResources: boolean;
  resourceIds: string[];
  allCustomerAccounts: boolean;
  accountIds: string[];
  origins: string[];
  userAgent: string | null;
  expiresAt: Date;
  revokedAt: Date | null;
  rateLimits: RateLimitRule[];
  ipAllowlist: string[];
  hasCredits: boolean;
  refillAmount: number | null;
  refillInterval: CreditRefillInterval | null;
  refillDayOfMonth: number | null;
};

/**
 * Everything verification needs about the key with this hash, in one statement (one round trip on a
 * cold cache), or null when no key has it. Data scopes and management scopes are read apart: only
 * data scopes ever verify or appear in an answer, and "all scopes" means the DATA catalogue.
 */
export async function loadKeyEntry(prisma: PrismaClient, hash: string): Promise<KeyEntry | null> {
  const rows = await prisma.$queryRaw<KeyRow[]>`
    SELECT k.id::text AS id, k.name, k."organizationId"::text AS "organizationId", k.role::text AS role,
      v.name AS "apiVersion", k."allScopes",
      ARRAY(SELECT s.name FROM "ApiKeyScope" ks JOIN "Scope" s ON s.id = ks."scopeId"
            WHERE ks."apiKeyId" = k.id AND s.kind = 'DATA' ORDER BY s.name) AS scopes,
      ARRAY(SELECT s.name FROM "ApiKeyScope" ks JOIN "Scope" s ON s.id = ks."scopeId"
            WHERE ks."apiKeyId" = k.id AND s.kind = 'MANAGEMENT' ORDER BY s.name) AS "managementScopes",
      ARRAY(SELECT s.name FROM "Scope" s WHERE s."organizationId" = k."organizationId" AND s.kind = 'DATA'
            ORDER BY s.name) AS catalogue,
      k."allResources",
      ARRAY(SELECT r."resourceId"::text FROM "ApiKeyResource" r WHERE r."apiKeyId" = k.id) AS "resourceIds",
      k."allCustomerAccounts",
      ARRAY(SELECT a."customerAccountId"::text FROM "ApiKeyCustomerAccount" a WHERE a."apiKeyId" = k.id) AS "accountIds",
      k.origins, k."userAgent", k."expiresAt", k."revokedAt", k."rateLimits", k."ipAllowlist",
      c."apiKeyId" IS NOT NULL AS "hasCredits", c."refillAmount", c."refillInterval"::text AS "refillInterval",
      c."refillDayOfMonth"
    FROM "ApiKey" k JOIN "ApiVersion" v ON v.id = k."apiVersionId"
      LEFT JOIN "ApiKeyCredits" c ON c."apiKeyId" = k.id
    WHERE k."hashedKey" = ${hash}`;
  const row = rows[0];
  if (!row) return null;
  return {
    keyId: row.id,
    keyName: row.name,
    organizationId: row.organizationId,
    role: row.role,
    apiVersion: row.apiVersion,
    scopes: row.allScopes ? null : new Set(row.scopes),
    catalogue: row.catalogue,
    managementScopes: new Set(row.managementScopes),
    resourceIds: row.allResources ? null : row.resourceIds,
    customerAccountIds: row.allCustomerAccounts ? null : new Set(row.accountIds),
    origins: row.origins,
    userAgent: row.userAgent,
    expiresAt: new Date(row.expiresAt),
    revokedAt: row.revokedAt ? new Date(row.revokedAt) : null,
    rateLimits: row.rateLimits,
    ipAllowlist: toIpRanges(row.ipAllowlist ?? []),
    credits: row.hasCredits
      ? {
          refill:
            row.refillAmount !== null && row.refillInterval !== null
              ? { amount: row.refillAmount, interval: row.refillInterval, dayOfMonth: row.refillDayOfMonth }
              : null,
        }
      : null,
  };
}

/** The account this token identifies (in any organization), or null; only the current token is stored. */
export async function loadAccountEntry(prisma: PrismaClient, token: string): Promise<AccountEntry | null> {
  if (!token) return null;
  const account = await prisma.customerAccount.findUnique({
    where: { token },
    select: { id: true, organizationId: true, status: true, rateLimits: true },
  });
  return (
    account && {
      accountId: account.id,
      organizationId: account.organizationId,
      status: account.status,
      rateLimits: account.rateLimits as RateLimitRule[],
    }
  );
}

/**
 * The resource and every group containing it, nearest first, walking up the parent chain one
 * primary-key lookup per level (like `resourceAccessibleThrough`). CYCLE stops at a repeated id.
 */
export async function loadResourceChain(prisma: PrismaClient, resourceId: string): Promise<ResourceChain | null> {
  if (!isUuid(resourceId)) return null;
  const rows = await prisma.$queryRaw<{ id: string; organizationId: string }[]>`
    WITH RECURSIVE chain (id, "parentId", "organizationId", depth) AS (
      SELECT id, "parentId", "organizationId", 0 FROM "Resource" WHERE id = ${resourceId}::uuid
      UNION ALL
      SELECT r.id, r."parentId", r."organizationId", c.depth + 1 FROM "Resource" r JOIN chain c ON r.id = c."parentId"
    ) CYCLE id SET "isCycle" USING path
    SELECT id::text AS id, "organizationId"::text AS "organizationId" FROM chain WHERE NOT "isCycle" ORDER BY depth`;
  const first = rows[0];
  if (!first) return null;
  return { organizationId: first.organizationId, ids: rows.map((row) => row.id) };
}
