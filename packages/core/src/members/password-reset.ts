import type { PasswordTokenPurpose, Prisma } from "@tessera/db";
import { recordAudit } from "../audit.ts";
import { ConflictError, NotFoundError } from "../errors.ts";
import { auditEveryOrganization } from "./member-audit.ts";
import { generateOneTimeToken, hashOneTimeToken } from "./one-time-token.ts";
import { type OpenedSession, openSession } from "./open-session.ts";
import { hashPassword } from "./password.ts";
import { assertAcceptablePassword } from "./password-rules.ts";
import { SignInThrottledError } from "./sign-in-throttle.ts";
import { queueEmail, renderPasswordResetEmail } from "./team-emails.ts";
import { publicLink, type TeamContext } from "./team-settings.ts";

export const passwordTokenLifetimeMs = 60 * 60 * 1000;

/** What `requestPasswordReset` always answers, whether or not the email belongs to an account. */
export const passwordResetAnswer =
  "If an account uses this address, an email with a link to choose a new password is on its way. The link works once, within an hour.";

/** Inside the caller's transaction: a new single-use password link for the user (1 hour); only its hash is kept. */
export async function issuePasswordToken(
  tx: Prisma.TransactionClient,
  settings: Pick<TeamContext, "team">,
  userId: string,
  purpose: PasswordTokenPurpose,
  now: Date,
): Promise<{ token: string; link: string; expiresAt: Date }> {
  const { token, hash } = generateOneTimeToken("tsp");
  const expiresAt = new Date(now.getTime() + passwordTokenLifetimeMs);
  await tx.passwordToken.create({ data: { userId, purpose, tokenHash: hash, createdAt: now, expiresAt } });
  return { token, link: publicLink(settings.team, `/reset-password?token=${token}`), expiresAt };
}

/**
 * Emails a password link when the address belongs to an account and email is on. The answer never
 * says which: it is the same text, given before the lookup and the writes, which run after it (so
 * the response time does not tell either; `emailed` settles when they are done). Requests are
 * throttled per address and email like sign-in (counted apart from sign-in), so the endpoint cannot
 * be used to flood someone's inbox.
 */
export async function requestPasswordReset(
  ctx: TeamContext,
  input: { email: string },
): Promise<{ message: string; emailed: Promise<void> }> {
  const email = input.email.trim().toLowerCase();
  const decision = await ctx.security.resetThrottle.attempt(email, ctx.sourceAddress);
  if (!decision.allowed) throw new SignInThrottledError(decision.retryAfter);
  const emailed = emailPasswordLink(ctx, email).catch((error) =>
    ctx.security.backgroundFailed("password reset email could not be queued", error),
  );
  return { message: passwordResetAnswer, emailed };
}

async function emailPasswordLink(ctx: TeamContext, email: string): Promise<void> {
  if (!ctx.team.emailEnabled || !email) return;
  const now = ctx.clock.now();
  await ctx.prisma.$transaction(async (tx) => {
    const user = await tx.user.findUnique({
      where: { email },
      select: { id: true, email: true, memberships: { select: { organizationId: true }, take: 1 } },
    });
    // The outbox sends on behalf of an organization: a user who belongs to none gets no email.
    const organizationId = user?.memberships[0]?.organizationId;
    if (!user || !organizationId) return;
    const { token, link } = await issuePasswordToken(tx, ctx, user.id, "RESET", now);
    await queueEmail(tx, {
      organizationId,
      to: user.email,
      content: renderPasswordResetEmail({ link }),
      secret: token,
      now,
    });
  });
}

/**
 * Sets a new password with a password link (emailed reset, or `create-owner`'s sign-in link), ends
 * every session of the user and signs this browser in. The link is claimed with one conditional
 * UPDATE, so it works once; every other unused link of the user dies with it.
 */
export async function resetPassword(
  ctx: TeamContext,
  input: { token: string; password: string },
): Promise<OpenedSession> {
  const found = await ctx.prisma.passwordToken.findUnique({
    where: { tokenHash: hashOneTimeToken(input.token) },
    include: { user: { select: { id: true, email: true } } },
  });
  if (!found) throw new NotFoundError("This link is not valid. Ask for a new one.");
  const now = ctx.clock.now();
  if (found.usedAt) throw new ConflictError("This link has already been used. Ask for a new one.");
  if (found.expiresAt <= now) throw new ConflictError("This link has expired. Ask for a new one.");
  const user = found.user;
  assertAcceptablePassword(input.password, user.email, "password");
  const passwordHash = await hashPassword(input.password);
  return ctx.prisma.$transaction(async (tx) => {
    const { count } = await tx.passwordToken.updateMany({
      where: { id: found.id, usedAt: null, expiresAt: { gt: now } },
      data: { usedAt: now },
    });
    if (count === 0) throw new ConflictError("This link has already been used. Ask for a new one.");
    await tx.passwordToken.updateMany({ where: { userId: user.id, usedAt: null }, data: { usedAt: now } });
    await tx.user.update({ where: { id: user.id }, data: { passwordHash } });
    const ended = await tx.session.deleteMany({ where: { userId: user.id } });
    await auditEveryOrganization(tx, user.id, {
      actor: { kind: "user", userId: user.id, label: user.email },
      action: "member.password_reset",
      target: { type: "User", id: user.id, label: user.email },
      sourceAddress: ctx.sourceAddress,
      changes: { endedSessions: ended.count, link: found.purpose === "RESET" ? "emailed reset" : "create-owner" },
    });
    return openSession(tx, ctx, user, false);
  });
}

/** Used by `create-owner`: records in the organization that a sign-in link was printed for its owner. */
export async function auditSignInLink(
  tx: Prisma.TransactionClient,
  event: { organizationId: string; user: { id: string; email: string }; expiresAt: Date },
): Promise<void> {
  await recordAudit(tx, {
    organizationId: event.organizationId,
    actor: { kind: "system", label: "tessera create-owner" },
    action: "member.sign_in_link_created",
    target: { type: "User", id: event.user.id, label: event.user.email },
    changes: { expiresAt: event.expiresAt.toISOString() },
  });
}
