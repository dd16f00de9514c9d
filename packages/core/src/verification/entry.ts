import type { KeyRole } from "@tessera/db";
import type { CreditsSetting, RateLimitRule } from "../api-keys/traffic-validation.ts";
import type { ManagementScope } from "../roles.ts";
import type { IpRange } from "./ip-allowlist.ts";

/**
 * What verification needs to know about one key, and nothing more: no name history, no secret, no
 * audit data. This is what the key cache holds, so it is kept small and immutable.
 */
export type KeyEntry = {
  keyId: string;
  keyName: string;
  organizationId: string;
  role: KeyRole;
  apiVersion: string;
  /** The key's data scopes; null when the key has every data scope. */
  scopes: ReadonlySet<string> | null;
  /** The organization's data scope catalogue: what an all-scopes key carries (never a management scope). */
  catalogue: readonly string[];
  /** The management scopes the key holds by name: what it may do to Tessera when used as a Bearer key. */
  managementScopes: ReadonlySet<ManagementScope>;
  /** Resources and groups granted; null when the key reaches every resource. */
  resourceIds: readonly string[] | null;
  /** Customer accounts the key may act for; null for all of the organization's accounts. */
  customerAccountIds: ReadonlySet<string> | null;
  origins: readonly string[];
  userAgent: string | null;
  expiresAt: Date;
  revokedAt: Date | null;
  /** Named rate limits (empty: none). */
  rateLimits: readonly RateLimitRule[];
  /** Allowed client addresses, parsed (empty: any address). */
  ipAllowlist: readonly IpRange[];
  /** How the key's credits refill, when it has credits (null: unlimited usage); what is left lives in the database. */
  credits: { refill: CreditsSetting["refill"] } | null;
};

/** The account an account token identifies: enough to check organization, permission and status. */
export type AccountEntry = {
  accountId: string;
  organizationId: string;
  status: "ACTIVE" | "SUSPENDED" | "CLOSED";
  /** Limits shared by every key used with this account's token (one pool per account). */
  rateLimits: readonly RateLimitRule[];
};

/** A resource and the groups that contain it, nearest first (the resource itself is the first id). */
export type ResourceChain = { organizationId: string; ids: readonly string[] };
