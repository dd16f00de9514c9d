import { UnauthenticatedError, ValidationError } from "../errors.ts";
import type { MemberContext, RequestSource } from "./context.ts";
import { auditEveryOrganization } from "./member-audit.ts";
import { openSession } from "./open-session.ts";
import { decoyPasswordHash, verifyPassword } from "./password.ts";
import { boundedUserAgent, type SecurityEvent } from "./session-security.ts";
import { signOut } from "./sessions.ts";
import { SignInThrottledError } from "./sign-in-throttle.ts";

export type SignInInput = { email: string; password: string };

type Attempt = RequestSource & { email: string };
type KnownUser = { id: string; email: string };

/**
 * Checks the credentials and opens a new session (a new id on every sign-in: the session the browser
 * came with, if any, ends). Wrong email and wrong password give the same answer and take the same time
 * (a decoy hash is checked for unknown emails), so sign-in cannot be used to discover who has an
 * account. Every attempt is counted by the throttle before the password is checked; a throttled
 * attempt is refused without checking it, so the refusal says nothing about the password either, and
 * reads the same for unknown emails.
 */
export async function signIn(ctx: MemberContext, input: SignInInput) {
  const { prisma, security } = ctx;
  const email = input.email.trim().toLowerCase();
  if (!email || !input.password) throw new ValidationError("Enter an email address and a password.");
  const attempt: Attempt = { email, sourceAddress: ctx.sourceAddress, userAgent: boundedUserAgent(ctx.userAgent) };
  const user = await prisma.user.findUnique({ where: { email } });

  const decision = await security.throttle.attempt(email, attempt.sourceAddress);
  if (!decision.allowed) {
    security.report(securityEvent("member.sign_in_throttled", !!user, attempt));
    if (user && decision.firstRefusal) {
      await recordSignInEvent(ctx, user, "member.sign_in_throttled", attempt, {
        retryAfter: decision.retryAfter.toISOString(),
      });
    }
    throw new SignInThrottledError(decision.retryAfter);
  }

  const ok = await verifyPassword(input.password, user?.passwordHash ?? decoyPasswordHash);
  if (!user || !ok) {
    security.report(securityEvent("member.sign_in_failed", !!user, attempt));
    if (user) await recordSignInEvent(ctx, user, "member.sign_in_failed", attempt, {});
    throw new UnauthenticatedError("The email address or password is wrong.");
  }
  await security.throttle.succeeded(email, attempt.sourceAddress);

  const session = await prisma.$transaction((tx) => openSession(tx, ctx, user, true));
  await signOut(ctx);
  return { token: session.token, expiresAt: session.expiresAt, user };
}

/**
 * A failed or throttled sign-in on an existing account, in the audit log of every organization the
 * account belongs to, so their owners and admins see attacks on their members. The actor is the
 * account the attempt claimed to be (unverified: the label says so); never the password tried.
 */
async function recordSignInEvent(
  ctx: Pick<MemberContext, "prisma">,
  user: KnownUser,
  action: "member.sign_in_failed" | "member.sign_in_throttled",
  attempt: Attempt,
  details: Record<string, string>,
): Promise<void> {
  await ctx.prisma.$transaction((tx) =>
    auditEveryOrganization(tx, user.id, {
      actor: { kind: "user", userId: user.id, label: `${user.email} (unverified)` },
      action,
      target: { type: "User", id: user.id, label: user.email },
      sourceAddress: attempt.sourceAddress,
      changes: { userAgent: attempt.userAgent, ...details },
    }),
  );
}

/**
 * What the server log learns of a failed or throttled sign-in: never the email (people type passwords
 * into it, and with `knownAccount` it would list which accounts exist), only where it came from.
 */
function securityEvent(action: SecurityEvent["action"], knownAccount: boolean, attempt: Attempt): SecurityEvent {
  return { action, knownAccount, sourceAddress: attempt.sourceAddress, userAgent: attempt.userAgent };
}
