import type { PrismaClient } from "@tessera/db";
import { recordAudit } from "../audit.ts";
import { UnauthenticatedError, ValidationError } from "../errors.ts";
import type { Viewer } from "../viewer.ts";
import { decoyPasswordHash, verifyPassword } from "./password.ts";
import { boundedUserAgent, type SecurityEvent, type SessionDeps, type SessionPolicy } from "./session-security.ts";
import { generateSessionToken, hashSessionToken } from "./session-token.ts";
import { SignInThrottledError } from "./sign-in-throttle.ts";

export type SignInInput = { email: string; password: string; sourceAddress?: string | null; userAgent?: string | null };

type Attempt = { email: string; sourceAddress: string | null; userAgent: string | null };
type KnownUser = { id: string; email: string; memberships: { organizationId: string }[] };

/**
 * Checks the credentials and opens a new session (a new id on every sign-in). Wrong email and wrong
 * password give the same answer and take the same time (a decoy hash is checked for unknown emails),
 * so sign-in cannot be used to discover who has an account. Every attempt is counted by the throttle
 * before the password is checked; a throttled attempt is refused without checking it, so the refusal
 * says nothing about the password either, and reads the same for unknown emails.
 */
export async function signIn(deps: SessionDeps, input: SignInInput) {
  const { prisma, clock, security } = deps;
  const email = input.email.trim().toLowerCase();
  if (!email || !input.password) throw new ValidationError("Enter an email address and a password.");
  const attempt: Attempt = {
    email,
    sourceAddress: input.sourceAddress ?? null,
    userAgent: boundedUserAgent(input.userAgent),
  };
  const user = await prisma.user.findUnique({
    where: { email },
    include: { memberships: { select: { organizationId: true } } },
  });

  const decision = await security.throttle.attempt(email, attempt.sourceAddress);
  if (!decision.allowed) {
    security.report(securityEvent("member.sign_in_throttled", !!user, attempt));
    if (user && decision.firstRefusal) {
      await recordSignInEvent(prisma, user, "member.sign_in_throttled", attempt, {
        retryAfter: decision.retryAfter.toISOString(),
      });
    }
    throw new SignInThrottledError(decision.retryAfter);
  }

  const ok = await verifyPassword(input.password, user?.passwordHash ?? decoyPasswordHash);
  if (!user || !ok) {
    security.report(securityEvent("member.sign_in_failed", !!user, attempt));
    if (user) await recordSignInEvent(prisma, user, "member.sign_in_failed", attempt, {});
    throw new UnauthenticatedError("The email address or password is wrong.");
  }
  await security.throttle.succeeded(email, attempt.sourceAddress);

  const { token, hash } = generateSessionToken();
  const now = clock.now();
  const expiresAt = new Date(now.getTime() + security.policy.lifetimeMs);
  await prisma.$transaction(async (tx) => {
    await tx.session.create({
      data: {
        tokenHash: hash,
        userId: user.id,
        createdAt: now,
        lastSeenAt: now,
        expiresAt,
        ipAddress: attempt.sourceAddress,
        userAgent: attempt.userAgent,
      },
    });
    for (const { organizationId } of user.memberships) {
      await recordAudit(tx, {
        organizationId,
        actor: { kind: "user", userId: user.id, label: user.email },
        action: "member.signed_in",
        target: { type: "User", id: user.id, label: user.email },
        sourceAddress: attempt.sourceAddress,
        changes: { userAgent: attempt.userAgent },
      });
    }
  });
  return { token, expiresAt, user };
}

/**
 * A failed or throttled sign-in on an existing account, in the audit log of every organization the
 * account belongs to, so their owners and admins see attacks on their members. The actor is the
 * account the attempt claimed to be (unverified: the label says so); never the password tried.
 */
async function recordSignInEvent(
  prisma: PrismaClient,
  user: KnownUser,
  action: "member.sign_in_failed" | "member.sign_in_throttled",
  attempt: Attempt,
  details: Record<string, string>,
): Promise<void> {
  await prisma.$transaction(async (tx) => {
    for (const { organizationId } of user.memberships) {
      await recordAudit(tx, {
        organizationId,
        actor: { kind: "user", userId: user.id, label: `${user.email} (unverified)` },
        action,
        target: { type: "User", id: user.id, label: user.email },
        sourceAddress: attempt.sourceAddress,
        changes: { userAgent: attempt.userAgent, ...details },
      });
    }
  });
}

export async function signOut(prisma: PrismaClient, sessionId: string): Promise<void> {
  await prisma.session.deleteMany({ where: { id: sessionId } });
}

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

/**
 * What the server log learns of a failed or throttled sign-in: never the email (people type passwords
 * into it, and with `knownAccount` it would list which accounts exist), only where it came from.
 */
function securityEvent(action: SecurityEvent["action"], knownAccount: boolean, attempt: Attempt): SecurityEvent {
  return { action, knownAccount, sourceAddress: attempt.sourceAddress, userAgent: attempt.userAgent };
}
