import type { Prisma } from "@tessera/db";
import { recordAudit } from "../audit.ts";
import { NotFoundError, UnauthenticatedError } from "../errors.ts";
import type { Viewer } from "../viewer.ts";
import type { SessionDeps } from "./session-security.ts";
import { isSessionActive } from "./sign-in.ts";

type Member = { userId: string; email: string; sessionId: string };
type Request = { sourceAddress: string | null };

/** Sessions are a signed-in member's own business: an API key has none, and anonymous callers must sign in. */
export function requireMember(viewer: Viewer): Member {
  if (viewer.kind !== "user")
    throw new UnauthenticatedError("Sign in as a member: sessions and passwords belong to members, not to API keys.");
  return viewer;
}

/** The member's sessions that still work (within lifetime and idle timeout), most recently used first. */
export async function listSessions(deps: SessionDeps, viewer: Viewer) {
  const member = requireMember(viewer);
  const now = deps.clock.now();
  const sessions = await deps.prisma.session.findMany({
    where: { userId: member.userId, expiresAt: { gt: now } },
    orderBy: [{ lastSeenAt: "desc" }, { id: "asc" }],
  });
  return sessions
    .filter((s) => isSessionActive(s, deps.security.policy, now, deps.security.activity.isPending(s.id)))
    .map((s) => ({ ...s, current: s.id === member.sessionId }));
}

/**
 * Ends one of the member's own sessions (the current one too: that is signing out). Another member's
 * session id reads exactly like an unknown one.
 */
export async function revokeSession(deps: SessionDeps, viewer: Viewer, request: Request, sessionId: string) {
  const member = requireMember(viewer);
  return deps.prisma.$transaction(async (tx) => {
    const { count } = await tx.session.deleteMany({ where: { id: sessionId, userId: member.userId } });
    if (count === 0) throw new NotFoundError("Session not found.");
    await auditEveryOrganization(tx, member, request, "session.revoked", { type: "Session", id: sessionId }, {});
    return { revokedSessionId: sessionId, current: sessionId === member.sessionId };
  });
}

/** Ends every session of the member except the one making this request. Returns how many ended. */
export async function signOutEverywhere(deps: SessionDeps, viewer: Viewer, request: Request): Promise<number> {
  const member = requireMember(viewer);
  return deps.prisma.$transaction((tx) => endOtherSessions(tx, member, request, "member.signed_out_everywhere"));
}

/**
 * Inside the caller's transaction: ends every session of the member but the current one and records
 * why (signing out everywhere, or a password change) in each of their organizations.
 */
export async function endOtherSessions(
  tx: Prisma.TransactionClient,
  member: Member,
  request: Request,
  action: "member.signed_out_everywhere" | "member.password_changed",
): Promise<number> {
  const { count } = await tx.session.deleteMany({ where: { userId: member.userId, id: { not: member.sessionId } } });
  await auditEveryOrganization(
    tx,
    member,
    request,
    action,
    { type: "User", id: member.userId, label: member.email },
    { endedSessions: count },
  );
  return count;
}

/** Records one event about the member in each organization they belong to (their admins' audit logs). */
export async function auditEveryOrganization(
  tx: Prisma.TransactionClient,
  member: Member,
  request: Request,
  action: "session.revoked" | "member.signed_out_everywhere" | "member.password_changed",
  target: { type: string; id: string; label?: string },
  changes: Prisma.InputJsonValue,
): Promise<void> {
  const memberships = await tx.membership.findMany({
    where: { userId: member.userId },
    select: { organizationId: true },
  });
  for (const { organizationId } of memberships) {
    await recordAudit(tx, {
      organizationId,
      actor: { kind: "user", userId: member.userId, label: member.email },
      action,
      target,
      sourceAddress: request.sourceAddress,
      changes,
    });
  }
}
