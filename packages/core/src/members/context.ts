import { UnauthenticatedError } from "../errors.ts";
import type { Viewer } from "../viewer.ts";
import type { SessionDeps } from "./session-security.ts";

/** Where a request comes from, as sessions and audit events record it: the client's address and User-Agent. */
export type RequestSource = { sourceAddress: string | null; userAgent: string | null };

/**
 * What every member operation needs: the server's session security, who is calling and from where.
 * Shaped like `OperationContext` (same names for the same things): the GraphQL context satisfies both.
 */
export type MemberContext = SessionDeps & RequestSource & { viewer: Viewer };

/** A signed-in member, and the session they are calling with. */
export type SignedInMember = { userId: string; email: string; sessionId: string };

/** Sessions are a signed-in member's own business: an API key has none, and anonymous callers must sign in. */
export function requireMember(viewer: Viewer): SignedInMember {
  if (viewer.kind !== "user")
    throw new UnauthenticatedError("Sign in as a member: sessions and passwords belong to members, not to API keys.");
  return viewer;
}
