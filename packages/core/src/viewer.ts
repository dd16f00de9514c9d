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
      /** The management scopes this key holds by name: its whole power over Tessera. */
      managementScopes: ReadonlySet<ManagementScope>;
      /** The data scopes the key holds by name, or null for all data scopes. */
      scopes: readonly string[] | null;
    };

/** What the viewer may do inside one organization. */
export type OrganizationAccess = {
  organizationId: string;
  /** The member's role; null when the caller is an API key. */
  role: MemberRole | null;
  scopes: ReadonlySet<ManagementScope>;
};

/** The principal recorded on audit events and ownership: a member, a key, or Tessera itself (the scheduler). */
export type Actor = RequestActor | { kind: "system"; label: string };

/** Whoever makes a request: a member or a key (the system never calls the API). */
export type RequestActor =
  | { kind: "user"; userId: string; label: string }
  | { kind: "apiKey"; keyId: string; label: string };

/** Tessera acting on its own, e.g. recording that a key has expired. Never the actor of a request. */
export const systemActor: Actor = { kind: "system", label: "system" };

export function actorOf(viewer: Viewer): RequestActor | null {
  switch (viewer.kind) {
    case "user":
      return { kind: "user", userId: viewer.userId, label: viewer.email };
    case "apiKey":
      return { kind: "apiKey", keyId: viewer.keyId, label: `key ${viewer.keyName}` };
    default:
      return null;
  }
}
