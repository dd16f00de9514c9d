import type { Invitation, Prisma } from "@tessera/db";
import { recordAudit } from "../audit.ts";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "../errors.ts";
import { normalizeName } from "../names.ts";
import { isUniqueViolation } from "../unique-violation.ts";
import { enqueueMemberEvent } from "../webhooks/events.ts";
import { invitationStatus } from "./invitation-status.ts";
import { hashOneTimeToken } from "./one-time-token.ts";
import { type OpenedSession, openSession } from "./open-session.ts";
import { hashPassword } from "./password.ts";
import { assertAcceptablePassword } from "./password-rules.ts";
import type { TeamContext } from "./team-settings.ts";

export type AcceptInvitationInput = { token: string; name?: string | null; password?: string | null };

/** The organization joined, and the session opened for a new user (null when already signed in). */
export type AcceptedInvitation = { organizationId: string; userId: string; session: OpenedSession | null };

/** What the accept page shows before anyone acts: only to whoever holds the link. */
export async function previewInvitation(ctx: Pick<TeamContext, "prisma" | "clock">, token: string) {
  const invitation = await ctx.prisma.invitation.findUnique({
    where: { tokenHash: hashOneTimeToken(token) },
    include: { organization: { select: { name: true, slug: true } } },
  });
  if (!invitation) return null;
  return {
    email: invitation.email,
    role: invitation.role,
    organizationName: invitation.organization.name,
    organizationSlug: invitation.organization.slug,
    expiresAt: invitation.expiresAt,
    status: invitationStatus(invitation, ctx.clock.now()),
  };
}

/**
 * Joins the organization with the invitation's role. A signed-in user accepts for themself when they
 * are the invited email; an anonymous caller creates the account (name and password) and is signed
 * in. The invitation is claimed with one conditional UPDATE inside the transaction, so of two
 * accepts racing for one link exactly one joins; a used, revoked or expired link changes nothing.
 */
export async function acceptInvitation(ctx: TeamContext, input: AcceptInvitationInput): Promise<AcceptedInvitation> {
  const viewer = ctx.viewer;
  if (viewer.kind === "apiKey") throw new ForbiddenError("API keys cannot accept invitations.");
  const invitation = await ctx.prisma.invitation.findUnique({ where: { tokenHash: hashOneTimeToken(input.token) } });
  if (!invitation) throw new NotFoundError("This invitation link is not valid.");
  assertAcceptable(invitation, ctx.clock.now());

  if (viewer.kind === "user") {
    if (viewer.email !== invitation.email) {
      throw new ForbiddenError(
        `This invitation is for ${invitation.email}; you are signed in as ${viewer.email}. Sign out and open the link again.`,
      );
    }
    const user = { id: viewer.userId, email: viewer.email };
    await ctx.prisma.$transaction(async (tx) => {
      await claim(tx, ctx, invitation, user.id);
      await join(tx, ctx, invitation, user);
    });
    return { organizationId: invitation.organizationId, userId: user.id, session: null };
  }

  if (!input.password) throw new ValidationError("Choose a password for your new account.", "password");
  const name = normalizeName(input.name ?? "", "name");
  assertAcceptablePassword(input.password, invitation.email, "password");
  if (await ctx.prisma.user.findUnique({ where: { email: invitation.email }, select: { id: true } })) {
    throw new ConflictError(`An account for ${invitation.email} exists: sign in, then open the link again.`);
  }
  const passwordHash = await hashPassword(input.password);
  try {
    return await ctx.prisma.$transaction(async (tx) => {
      await claim(tx, ctx, invitation, null);
      const user = await tx.user.create({ data: { email: invitation.email, name, passwordHash } });
      await tx.invitation.update({ where: { id: invitation.id }, data: { acceptedByUserId: user.id } });
      await join(tx, ctx, invitation, user);
      const session = await openSession(tx, ctx, user, false);
      return { organizationId: invitation.organizationId, userId: user.id, session };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError(`An account for ${invitation.email} was just created.`);
    throw error;
  }
}

function assertAcceptable(invitation: Invitation, now: Date): void {
  switch (invitationStatus(invitation, now)) {
    case "ACCEPTED":
      throw new ConflictError("This invitation has already been used.");
    case "REVOKED":
      throw new ConflictError("This invitation was revoked. Ask an owner or admin for a new one.");
    case "EXPIRED":
      throw new ConflictError("This invitation has expired. Ask an owner or admin to resend it.");
    case "PENDING":
      return;
  }
}

/** The one conditional UPDATE that makes an invitation single-use. */
async function claim(tx: Prisma.TransactionClient, ctx: TeamContext, invitation: Invitation, userId: string | null) {
  const now = ctx.clock.now();
  const { count } = await tx.invitation.updateMany({
    where: { id: invitation.id, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
    data: { acceptedAt: now, acceptedByUserId: userId },
  });
  if (count === 0) throw new ConflictError("This invitation has already been used.");
}

async function join(
  tx: Prisma.TransactionClient,
  ctx: TeamContext,
  invitation: Invitation,
  user: { id: string; email: string },
): Promise<void> {
  const existing = await tx.membership.findUnique({
    where: { organizationId_userId: { organizationId: invitation.organizationId, userId: user.id } },
  });
  if (existing) throw new ConflictError("You are already a member of this organization.");
  await tx.membership.create({
    data: { organizationId: invitation.organizationId, userId: user.id, role: invitation.role },
  });
  await recordAudit(tx, {
    organizationId: invitation.organizationId,
    actor: { kind: "user", userId: user.id, label: user.email },
    action: "member.joined",
    target: { type: "User", id: user.id, label: user.email },
    sourceAddress: ctx.sourceAddress,
    changes: { role: invitation.role, invitationId: invitation.id },
  });
  await enqueueMemberEvent(tx, "member.joined", {
    organizationId: invitation.organizationId,
    member: { userId: user.id, email: user.email, role: invitation.role },
    now: ctx.clock.now(),
  });
}
