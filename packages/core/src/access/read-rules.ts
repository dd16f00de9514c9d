import type { ManagementScope } from "../roles.ts";
import type { OrganizationAccess } from "../viewer.ts";

/**
 * Every read rule of Tessera, in one table: what a caller with this access in an organization may
 * read there. A member's role is expressed in the same management scopes a key carries
 * (`scopesForRole`), so one predicate serves both kinds of caller. A write scope includes its read
 * scope: a key that may create keys must be able to read the key it just created (the payload
 * carries it, and the secret would otherwise be lost with it).
 *
 * The GraphQL schema applies the rule of an object's type on every path that reaches it (lists,
 * `node`, relation fields, mutation payloads); nothing else decides who may read what.
 */
export const readRules = {
  /** The organization itself: anyone with access to it at all (every member, the organization's keys). */
  organization: { scopes: [], allows: () => true },
  /** The scope catalogue and the API versions: what anyone choosing a key's settings needs. */
  catalogue: { scopes: [], allows: () => true },
  keys: { scopes: ["keys:read", "keys:write"], allows: anyOf("keys:read", "keys:write") },
  accounts: { scopes: ["accounts:read", "accounts:write"], allows: anyOf("accounts:read", "accounts:write") },
  /**
   * Account tokens: OWNER and ADMIN members, and keys that may read accounts. EDITOR and VIEWER
   * members read accounts but not their tokens.
   */
  accountTokens: {
    scopes: ["accounts:read", "accounts:write"],
    allows: (access: OrganizationAccess) =>
      access.role ? isManager(access) : anyOf("accounts:read", "accounts:write")(access),
  },
  resources: { scopes: ["resources:read", "resources:write"], allows: anyOf("resources:read", "resources:write") },
  /** Members and their emails: every member, and keys holding `members:read`. */
  members: { scopes: ["members:read"], allows: anyOf("members:read") },
  /** Webhook endpoints and their deliveries: OWNER and ADMIN members, and keys with a webhooks scope. */
  webhooks: { scopes: ["webhooks:read", "webhooks:write"], allows: anyOf("webhooks:read", "webhooks:write") },
  /** Invitations (emails and roles of people not yet members): OWNER and ADMIN members only; no key scope reads them. */
  invitations: { scopes: [], allows: isManager },
  /** The audit log is for the people accountable for the organization: OWNER and ADMIN; no key scope reads it. */
  audit: { scopes: [], allows: isManager },
} as const satisfies Record<
  string,
  { scopes: readonly ManagementScope[]; allows: (access: OrganizationAccess) => boolean }
>;

export type ReadRule = keyof typeof readRules;

/** True when `access` (null: no access to the organization at all) may read what `rule` guards. */
export function mayRead(access: OrganizationAccess | null, rule: ReadRule): boolean {
  return access !== null && readRules[rule].allows(access);
}

/** Why `access` may not read what `rule` guards, in words the caller can act on. */
export function readRefusal(access: OrganizationAccess, rule: ReadRule): string {
  const { scopes } = readRules[rule];
  if (access.role) {
    return rule === "audit" || rule === "accountTokens" || rule === "invitations"
      ? `Your role (${access.role}) cannot read this; only owners and admins can.`
      : `Your role (${access.role}) does not allow reading this; it needs the ${scopes[0]} permission.`;
  }
  return scopes.length
    ? `This API key lacks the ${scopes[0]} scope.`
    : "API keys cannot read this; only owner and admin members can.";
}

function anyOf(...scopes: ManagementScope[]) {
  return (access: OrganizationAccess) => scopes.some((scope) => access.scopes.has(scope));
}

function isManager(access: OrganizationAccess): boolean {
  return access.role === "OWNER" || access.role === "ADMIN";
}
