import type { PrismaClient } from "@tessera/db";
import { recordAudit } from "./audit.ts";
import type { Clock } from "./clock.ts";
import { UnauthenticatedError, ValidationError } from "./errors.ts";
import { decoyPasswordHash, verifyPassword } from "./password.ts";
import { generateSessionToken, hashSessionToken } from "./tokens.ts";
import type { Viewer } from "./viewer.ts";

export const sessionLifetimeMs = 30 * 24 * 60 * 60 * 1000;

export type SignInInput = { email: string; password: string; sourceAddress?: string | null; userAgent?: string | null };

/**
 * Checks the credentials and opens a session. Wrong email and wrong password give the same answer
 * and take the same time (a decoy hash is checked for unknown emails), so sign-in cannot be used to
 * discover who has an account. The sign-in is recorded in every organization the user belongs to.
 */
export async function signIn(prisma: PrismaClient, input: SignInInput, clock: Clock) {
  const email = input.email.trim().toLowerCase();
  if (!email || !input.password) throw new ValidationError("Enter an email address and a password.");
  const user = await prisma.user.findUnique({
    where: { email },
    include: { memberships: { select: { organizationId: true } } },
  });
  const ok = await verifyPassword(input.password, user?.passwordHash ?? decoyPasswordHash);
  if (!user || !ok) throw new UnauthenticatedError("The email address or password is wrong.");

  const { token, hash } = generateSessionToken();
  const expiresAt = new Date(clock.now().getTime() + sessionLifetimeMs);
  await prisma.$transaction(async (tx) => {
    await tx.session.create({
      data: {
        tokenHash: hash,
        userId: user.id,
        expiresAt,
        ipAddress: input.sourceAddress ?? null,
        userAgent: input.userAgent?.slice(0, 500) ?? null,
      },
    });
    for (const { organizationId } of user.memberships) {
      await recordAudit(tx, {
        organizationId,
        actor: { kind: "user", userId: user.id, label: user.email },
        action: "member.signed_in",
        target: { type: "User", id: user.id, label: user.email },
        sourceAddress: input.sourceAddress,
      });
    }
  });
  return { token, expiresAt, user };
}

export async function signOut(prisma: PrismaClient, sessionId: string): Promise<void> {
  await prisma.session.deleteMany({ where: { id: sessionId } });
}

/** The user viewer for a session cookie, or anonymous when the cookie is unknown or expired. */
export async function viewerFromSessionToken(prisma: PrismaClient, token: string, clock: Clock): Promise<Viewer> {
  const session = await prisma.session.findUnique({
    where: { tokenHash: hashSessionToken(token) },
    include: { user: { select: { id: true, email: true } } },
  });
  if (!session || session.expiresAt <= clock.now()) return { kind: "anonymous" };
  return { kind: "user", userId: session.user.id, email: session.user.email, sessionId: session.id };
}
