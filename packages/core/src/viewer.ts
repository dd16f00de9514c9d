import type { ManagementScope, MemberRole } from "./roles.ts";

/** Who is calling: nobody, a signed-in member (session), or an API key. Resolved once per request. */
export type Viewer =
  | { kind: "anonymous" }
  | { kind: "user"; userId: string; email: string; sessionId: string }
  | {
      kind: "apiKey";
      keyId: string;
      keyName: string;
      organizationId: string;
      /** The management scopes this key carries (all of them when the key has all scopes). */
      managementScopes: ReadonlySet<ManagementScope>;
      /** Every scope name the key carries, or null for all scopes. */
      scopes: readonly string[] | null;
    };

/** What the viewer may do inside one organization. */
export type OrganizationAccess = {
  organizationId: string;
  /** The member's role; null when the caller is an API key. */
  role: MemberRole | null;
  scopes: ReadonlySet<ManagementScope>;
};

/** The principal recorded on audit events and ownership: a member or a key. */
export type Actor = { kind: "user"; userId: string; label: string } | { kind: "apiKey"; keyId: string; label: string };

export function actorOf(viewer: Viewer): Actor | null {
  switch (viewer.kind) {
    case "user":
      return { kind: "user", userId: viewer.userId, label: viewer.email };
    case "apiKey":
      return { kind: "apiKey", keyId: viewer.keyId, label: `key ${viewer.keyName}` };
    default:
      return null;
  }
}
