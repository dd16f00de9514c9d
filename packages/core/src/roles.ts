/** The management scopes Tessera itself honours, for API keys that manage Tessera. */
export const managementScopes = [
  { name: "keys:read", description: "List and read API keys (never their secrets)." },
  { name: "keys:write", description: "Create, edit, renew, revoke and delete API keys." },
  { name: "accounts:read", description: "List and read customer accounts, including their account tokens." },
  { name: "accounts:write", description: "Create customer accounts, change their status and rotate their tokens." },
  { name: "resources:read", description: "List and read resources and their owners." },
  {
    name: "resources:write",
    description:
      "Create resources (the key becomes their owner), and rename, move, delete, share or hand over those it owns or was given WRITE access to.",
  },
  { name: "members:read", description: "List the organization's members with their emails and roles." },
  { name: "webhooks:read", description: "List webhook endpoints and their recent deliveries (never their secrets)." },
  {
    name: "webhooks:write",
    description: "Register, change, delete and test webhook endpoints, and rotate their signing secrets.",
  },
] as const;

export type ManagementScope = (typeof managementScopes)[number]["name"];
export type MemberRole = "OWNER" | "ADMIN" | "EDITOR" | "VIEWER";

const readScopes: ManagementScope[] = ["keys:read", "accounts:read", "resources:read", "members:read"];

/**
 * What a member may do, expressed in the same management scopes a key carries, so that one check
 * serves both kinds of caller. OWNER and ADMIN manage everything; EDITOR reads and may create
 * resources (editors own resources in the ownership model); VIEWER only reads. Reading account tokens
 * is decided by the read rules (`readRules.accountTokens`), because `accounts:read` for a member does
 * not include tokens.
 */
export function scopesForRole(role: MemberRole): ReadonlySet<ManagementScope> {
  switch (role) {
    case "OWNER":
    case "ADMIN":
      return new Set(managementScopes.map((s) => s.name));
    case "EDITOR":
      return new Set([...readScopes, "resources:write"]);
    case "VIEWER":
      return new Set(readScopes);
  }
}

export function isManagementScope(name: string): name is ManagementScope {
  return managementScopes.some((s) => s.name === name);
}

/** The resource parts Tessera's management scopes use (`keys`, `accounts`, …). */
const managedResources = new Set(managementScopes.map((s) => s.name.split(":")[0]));

/**
 * Names a data scope can never take: every management scope, and any name whose resource part is one
 * Tessera manages (`keys:admin`), so a data scope can never be mistaken for management power.
 */
export function isReservedScopeName(name: string): boolean {
  return isManagementScope(name) || managedResources.has(name.split(":")[0]);
}

/** A management scope that changes something (`keys:write`, …), as opposed to one that only reads. */
export function isWriteScope(scope: ManagementScope): boolean {
  return !scope.endsWith(":read");
}

/**
 * The key's role caps its management power: a VIEWER key may hold read management scopes only, so a
 * key handed out "to read" can never create, revoke or change anything in Tessera.
 */
export function keyRoleAllows(role: "EDITOR" | "VIEWER", scope: ManagementScope): boolean {
  return role === "EDITOR" || !isWriteScope(scope);
}

/** The read scope that goes with a write scope (`keys:write` -> `keys:read`), to suggest it instead. */
export function readScopeFor(scope: ManagementScope): ManagementScope {
  const read = `${scope.split(":")[0]}:read`;
  return isManagementScope(read) ? read : scope;
}

/** EDITOR or higher may receive ownership of resources. */
export function canOwnResources(role: MemberRole): boolean {
  return role !== "VIEWER";
}
