import type { VerifyCode } from "./codes.ts";
import type { AccountEntry, KeyEntry, ResourceChain } from "./entry.ts";
import { isIpAllowed } from "./ip-allowlist.ts";
import { isOriginAllowed } from "./origin.ts";
import { isUserAgentAllowed } from "./user-agent.ts";

/** The request as the service describes it; absent fields are not checked. */
export type VerifyRequest = {
  accountToken?: string | null;
  scope?: string | null;
  resourceId?: string | null;
  origin?: string | null;
  userAgent?: string | null;
  /** The address the calling service saw its client use (checked against the key's IP allowlist). */
  ip?: string | null;
};

/**
 * What the rules need besides the key, already looked up: the account behind `accountToken`
 * (null when the token is unknown) and the chain of `resourceId` (null when unknown). Undefined means
 * the request did not ask, so the check does not run.
 */
export type Looked = { account?: AccountEntry | null; resource?: ResourceChain | null };

/** The key's own state: a key that does not exist, is revoked or has expired is refused before anything else. */
export type KeyStateCode = "NOT_FOUND" | "REVOKED" | "EXPIRED";

export function keyStateCode(entry: KeyEntry | null, now: Date): KeyStateCode | null {
  if (!entry) return "NOT_FOUND";
  if (entry.revokedAt) return "REVOKED";
  // Expiry is checked against the clock on every call, so it needs no invalidation event.
  if (entry.expiresAt <= now) return "EXPIRED";
  return null;
}

/**
 * The restrictions, in the order the spec lists them: account, scope, resource, IP, origin, user agent.
 * The first one that fails decides the code, so a service can tell what to fix.
 */
export function restrictionCode(entry: KeyEntry, request: VerifyRequest, looked: Looked): VerifyCode {
  if (looked.account !== undefined) {
    const account = looked.account;
    // An unknown token, another organization's account and an account the key may not act for all
    // read the same: the caller learns nothing about accounts it has no business with.
    if (!account || account.organizationId !== entry.organizationId) return "ACCOUNT_MISMATCH";
    if (entry.customerAccountIds && !entry.customerAccountIds.has(account.accountId)) return "ACCOUNT_MISMATCH";
    if (account.status !== "ACTIVE") return "ACCOUNT_INACTIVE";
  }
  if (request.scope != null && !hasScope(entry, request.scope)) return "INSUFFICIENT_SCOPE";
  if (looked.resource !== undefined && !reachesResource(entry, looked.resource)) return "RESOURCE_FORBIDDEN";
  if (!isIpAllowed(entry.ipAllowlist, request.ip)) return "IP_NOT_ALLOWED";
  if (!isOriginAllowed(entry.origins, request.origin)) return "ORIGIN_NOT_ALLOWED";
  if (!isUserAgentAllowed(entry.userAgent, request.userAgent)) return "USER_AGENT_NOT_ALLOWED";
  return "VALID";
}

/** An all-scopes key has every scope of its organization's catalogue, and no scope outside it. */
export function hasScope(entry: KeyEntry, scope: string): boolean {
  return entry.scopes ? entry.scopes.has(scope) : entry.catalogue.includes(scope);
}

/**
 * A grant on a group reaches everything the group contains, at any depth: the resource is reachable
 * when it, or any group on its chain, is granted. Unknown resources and other organizations' resources
 * are refused the same way, even for keys with access to every resource.
 */
export function reachesResource(entry: KeyEntry, chain: ResourceChain | null): boolean {
  if (!chain || chain.organizationId !== entry.organizationId) return false;
  if (entry.resourceIds === null) return true;
  const granted = entry.resourceIds;
  return chain.ids.some((id) => granted.includes(id));
}
