/** The management scopes Tessera itself honours, for API keys that manage Tessera. */
export const managementScopes = [
  { name: "keys:read", description: "List and read API keys (never their secrets)." },
  { name: "keys:write", description: "Create, edit, renew, revoke and delete API keys." },
  { name: "accounts:read", description: "List and read customer accounts, including their account tokens." },
  { name: "accounts:write", description: "Create customer accounts, change their status and rotate their tokens." },
  { name: "resources:read", description: "List and read resources and their owners." },
  { name: "resources:write", description: "Create resources; the key becomes their owner." },
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

/** EDITOR or higher may receive ownership of resources. */
export function canOwnResources(role: MemberRole): boolean {
  return role !== "VIEWER";
}
