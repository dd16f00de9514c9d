import { ForbiddenError, NotFoundError, UnauthenticatedError } from "../errors.ts";
import type { OperationContext } from "../operation-context.ts";
import type { MemberRole } from "../roles.ts";
import { managesMembers } from "./role-rules.ts";

/** The signed-in OWNER or ADMIN managing an organization's members. */
export type MemberManager = { userId: string; email: string; role: MemberRole };

/**
 * Members are managed by people: an OWNER or ADMIN signed in. Anonymous callers are told to sign in;
 * another organization (or a malformed id) reads as not found; an API key is refused whatever its
 * scopes (no management scope covers people), and so are EDITOR and VIEWER.
 */
export async function requireMemberManager(
  ctx: Pick<OperationContext, "viewer" | "access">,
  organizationId: string,
): Promise<MemberManager> {
  const viewer = ctx.viewer;
  if (viewer.kind === "anonymous") throw new UnauthenticatedError("Sign in as an owner or admin to manage members.");
  const access = await ctx.access.inOrganization(organizationId);
  if (!access) throw new NotFoundError("Organization not found.");
  if (viewer.kind !== "user" || !access.role) {
    throw new ForbiddenError("API keys cannot manage members or the organization: sign in as an owner or admin.");
  }
  if (!managesMembers(access.role)) {
    throw new ForbiddenError(`Your role (${access.role}) cannot manage members; ask an owner or admin.`);
  }
  return { userId: viewer.userId, email: viewer.email, role: access.role };
}
