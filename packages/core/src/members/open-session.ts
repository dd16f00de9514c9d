import type { Prisma } from "@tessera/db";
import type { MemberContext } from "./context.ts";
import { auditEveryOrganization } from "./member-audit.ts";
import { boundedUserAgent } from "./session-security.ts";
import { generateSessionToken } from "./session-token.ts";

/** A new session: the token goes into the cookie (`ctx.sessionCookie.set`), never anywhere else. */
export type OpenedSession = { token: string; expiresAt: Date; userId: string };

/**
 * Inside the caller's transaction: opens a session for `user` (sign-in, setup, an accepted
 * invitation, a reset password), so the session and its audit event commit together.
 */
export async function openSession(
  tx: Prisma.TransactionClient,
  ctx: Pick<MemberContext, "clock" | "security" | "sourceAddress" | "userAgent">,
  user: { id: string; email: string },
  /** Records `member.signed_in` in each of the user's organizations; false when the caller audits on its own. */
  auditSignIn: boolean,
): Promise<OpenedSession> {
  const { token, hash } = generateSessionToken();
  const now = ctx.clock.now();
  const expiresAt = new Date(now.getTime() + ctx.security.policy.lifetimeMs);
  const userAgent = boundedUserAgent(ctx.userAgent);
  await tx.session.create({
    data: {
      tokenHash: hash,
      userId: user.id,
      createdAt: now,
      lastSeenAt: now,
      expiresAt,
      ipAddress: ctx.sourceAddress,
      userAgent,
    },
  });
  if (auditSignIn) {
    await auditEveryOrganization(tx, user.id, {
      actor: { kind: "user", userId: user.id, label: user.email },
      action: "member.signed_in",
      target: { type: "User", id: user.id, label: user.email },
      sourceAddress: ctx.sourceAddress,
      changes: { userAgent },
    });
  }
  return { token, expiresAt, userId: user.id };
}
