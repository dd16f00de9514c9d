import { NotFoundError } from "../errors.ts";
import type { Viewer } from "../viewer.ts";
import { type MemberContext, requireMember } from "./context.ts";
import { auditEveryOrganization } from "./member-audit.ts";
import { endOtherSessions } from "./other-sessions.ts";
import type { SessionDeps, SessionPolicy } from "./session-security.ts";
import { hashSessionToken } from "./session-token.ts";

/** True while a session is within its absolute lifetime and has been used within the idle timeout. */
export function isSessionActive(
  session: { expiresAt: Date; lastSeenAt: Date },
  policy: SessionPolicy,
  now: Date,
  usedSinceFlush = false,
): boolean {
  if (session.expiresAt <= now) return false;
  return usedSinceFlush || now.getTime() - session.lastSeenAt.getTime() < policy.idleMs;
}

/**
 * The user viewer for a session cookie, or anonymous when the cookie is unknown, past its lifetime or
 * idle too long. A valid session is marked as used (written in the next batch, not now).
 */
export async function viewerFromSessionToken(deps: SessionDeps, token: string): Promise<Viewer> {
  const { prisma, clock, security } = deps;
  const session = await prisma.session.findUnique({
    where: { tokenHash: hashSessionToken(token) },
    include: { user: { select: { id: true, email: true } } },
  });
  if (!session) return { kind: "anonymous" };
  if (!isSessionActive(session, security.policy, clock.now(), security.activity.isPending(session.id))) {
    return { kind: "anonymous" };
  }
  security.activity.touch(session.id);
  return { kind: "user", userId: session.user.id, email: session.user.email, sessionId: session.id };
}

/** The member's sessions that still work (within lifetime and idle timeout), most recently used first. */
export async function listSessions(ctx: MemberContext) {
  const member = requireMember(ctx.viewer);
  const now = ctx.clock.now();
  const sessions = await ctx.prisma.session.findMany({
    where: { userId: member.userId, expiresAt: { gt: now } },
    orderBy: [{ lastSeenAt: "desc" }, { id: "asc" }],
  });
  return sessions
    .filter((s) => isSessionActive(s, ctx.security.policy, now, ctx.security.activity.isPending(s.id)))
    .map((s) => ({ ...s, current: s.id === member.sessionId }));
}

/** Ends the session making this request. False when there was none (an API key or an anonymous caller). */
export async function signOut(ctx: MemberContext): Promise<boolean> {
  if (ctx.viewer.kind !== "user") return false;
  await ctx.prisma.session.deleteMany({ where: { id: ctx.viewer.sessionId } });
  return true;
}

/**
 * Ends one of the member's own sessions (the current one too: that is signing out). Another member's
 * session id reads exactly like an unknown one.
 */
export async function revokeSession(ctx: MemberContext, input: { id: string }) {
  const member = requireMember(ctx.viewer);
  return ctx.prisma.$transaction(async (tx) => {
    const { count } = await tx.session.deleteMany({ where: { id: input.id, userId: member.userId } });
    if (count === 0) throw new NotFoundError("Session not found.");
    await auditEveryOrganization(tx, member.userId, {
      actor: { kind: "user", userId: member.userId, label: member.email },
      action: "session.revoked",
      target: { type: "Session", id: input.id },
      sourceAddress: ctx.sourceAddress,
      changes: {},
    });
    return { revokedSessionId: input.id, current: input.id === member.sessionId };
  });
}

/** Ends every session of the member except the one making this request. Returns how many ended. */
export async function signOutEverywhere(ctx: MemberContext): Promise<number> {
  const member = requireMember(ctx.viewer);
  return ctx.prisma.$transaction((tx) =>
    endOtherSessions(tx, member, { action: "member.signed_out_everywhere", sourceAddress: ctx.sourceAddress }),
  );
}
