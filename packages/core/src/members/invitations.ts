import type { Invitation, Prisma } from "@tessera/db";
import { recordAuditByCaller } from "../audit.ts";
import { ConflictError, NotFoundError, UnauthenticatedError } from "../errors.ts";
import { isUuid } from "../ids.ts";
import type { MemberRole } from "../roles.ts";
import { enqueueMemberEvent } from "../webhooks/events.ts";
import { normalizeEmail } from "./email-address.ts";
import { invitationLifetimeMs, invitationStatus } from "./invitation-status.ts";
import { type MemberManager, requireMemberManager } from "./member-manager.ts";
import { generateOneTimeToken } from "./one-time-token.ts";
import { lockOrganization } from "./organization-lock.ts";
import { assertMayGrant } from "./role-rules.ts";
import { queueEmail, renderInvitationEmail } from "./team-emails.ts";
import { publicLink, type TeamContext } from "./team-settings.ts";

export type InviteMemberInput = { organizationId: string; email: string; role: MemberRole };

/** An invitation and its link: the link only when there is no email to carry it (shown once). */
export type IssuedInvitation = { invitation: Invitation; link: string | null };

/**
 * Invites someone by email to join with `role` (OWNER only from an OWNER). The token is random and
 * kept only as its hash; the link is emailed through the outbox, or, without SMTP, returned once
 * so the admin can pass it on. One pending invitation per email and organization: inviting again is
 * a ConflictError that points at `resendInvitation`.
 */
export async function inviteMember(ctx: TeamContext, input: InviteMemberInput): Promise<IssuedInvitation> {
  const manager = await requireMemberManager(ctx, input.organizationId);
  const email = normalizeEmail(input.email);
  assertMayGrant(manager.role, input.role);
  const now = ctx.clock.now();
  const { token, hash } = generateOneTimeToken("tsi");
  const invitation = await ctx.prisma.$transaction(async (tx) => {
    if (!(await lockOrganization(tx, input.organizationId))) throw new NotFoundError("Organization not found.");
    const member = await tx.membership.findFirst({ where: { organizationId: input.organizationId, user: { email } } });
    if (member) throw new ConflictError(`${email} is already a member of this organization.`);
    const pending = await tx.invitation.findFirst({
      where: { organizationId: input.organizationId, email, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
    });
    if (pending) throw new ConflictError(`${email} already has a pending invitation: resend it instead.`);
    const created = await tx.invitation.create({
      data: {
        organizationId: input.organizationId,
        email,
        role: input.role,
        tokenHash: hash,
        invitedByUserId: manager.userId,
        createdAt: now,
        expiresAt: new Date(now.getTime() + invitationLifetimeMs),
      },
    });
    await recordAuditByCaller(tx, ctx, {
      organizationId: created.organizationId,
      action: "member.invited",
      target: { type: "Invitation", id: created.id, label: email },
      changes: { email, role: input.role, expiresAt: created.expiresAt.toISOString() },
    });
    await enqueueMemberEvent(tx, "member.invited", {
      organizationId: created.organizationId,
      member: { userId: null, email, role: input.role },
      now,
    });
    await sendInvitation(ctx, tx, created, manager, token);
    return created;
  });
  return { invitation, link: ctx.team.emailEnabled ? null : invitationLink(ctx, token) };
}

/** Where an invitation is accepted in the console. */
export function invitationLink(ctx: Pick<TeamContext, "team">, token: string): string {
  return publicLink(ctx.team, `/invitations/${token}`);
}

async function sendInvitation(
  ctx: TeamContext,
  tx: Prisma.TransactionClient,
  invitation: Invitation,
  manager: MemberManager,
  token: string,
): Promise<void> {
  if (!ctx.team.emailEnabled) return;
  const org = await tx.organization.findUniqueOrThrow({ where: { id: invitation.organizationId } });
  const inviter = await tx.user.findUnique({ where: { id: manager.userId }, select: { name: true } });
  await queueEmail(tx, {
    organizationId: invitation.organizationId,
    to: invitation.email,
    content: renderInvitationEmail({
      organizationName: org.name,
      inviterLabel: inviter?.name ? `${inviter.name} (${manager.email})` : manager.email,
      role: invitation.role,
      link: invitationLink(ctx, token),
      expiresAt: invitation.expiresAt,
    }),
    secret: token,
    now: ctx.clock.now(),
  });
}

/**
 * The invitation with this id in an organization the caller manages; another organization's
 * invitation reads exactly like an unknown id. OWNER invitations are managed by owners only.
 */
async function managedInvitation(ctx: TeamContext, id: string) {
  if (ctx.viewer.kind === "anonymous")
    throw new UnauthenticatedError("Sign in as an owner or admin to manage members.");
  const invitation = isUuid(id) ? await ctx.prisma.invitation.findUnique({ where: { id } }) : null;
  if (!invitation || !(await ctx.access.inOrganization(invitation.organizationId))) {
    throw new NotFoundError("Invitation not found.");
  }
  const manager = await requireMemberManager(ctx, invitation.organizationId);
  assertMayGrant(manager.role, invitation.role);
  return { invitation, manager };
}

function assertOpen(invitation: Invitation, now: Date, verb: string): void {
  const status = invitationStatus(invitation, now);
  if (status === "ACCEPTED") throw new ConflictError(`This invitation was accepted: there is nothing to ${verb}.`);
  if (status === "REVOKED") throw new ConflictError(`This invitation was revoked: invite again instead.`);
}

/**
 * A new link for a pending or expired invitation: a new token and 7 more days; the old link stops
 * working at once. Emailed again, or returned once without SMTP.
 */
export async function resendInvitation(ctx: TeamContext, input: { id: string }): Promise<IssuedInvitation> {
  const { invitation: found, manager } = await managedInvitation(ctx, input.id);
  const now = ctx.clock.now();
  assertOpen(found, now, "resend");
  const { token, hash } = generateOneTimeToken("tsi");
  const invitation = await ctx.prisma.$transaction(async (tx) => {
    const { count } = await tx.invitation.updateMany({
      where: { id: found.id, acceptedAt: null, revokedAt: null },
      data: { tokenHash: hash, expiresAt: new Date(now.getTime() + invitationLifetimeMs) },
    });
    if (count === 0) throw new ConflictError("This invitation was accepted or revoked meanwhile.");
    const updated = await tx.invitation.findUniqueOrThrow({ where: { id: found.id } });
    await recordAuditByCaller(tx, ctx, {
      organizationId: updated.organizationId,
      action: "invitation.resent",
      target: { type: "Invitation", id: updated.id, label: updated.email },
      changes: { expiresAt: updated.expiresAt.toISOString() },
    });
    await sendInvitation(ctx, tx, updated, manager, token);
    return updated;
  });
  return { invitation, link: ctx.team.emailEnabled ? null : invitationLink(ctx, token) };
}

/** Withdraws a pending or expired invitation; its link stops working at once. */
export async function revokeInvitation(ctx: TeamContext, input: { id: string }): Promise<Invitation> {
  const { invitation: found } = await managedInvitation(ctx, input.id);
  const now = ctx.clock.now();
  assertOpen(found, now, "revoke");
  return ctx.prisma.$transaction(async (tx) => {
    const { count } = await tx.invitation.updateMany({
      where: { id: found.id, acceptedAt: null, revokedAt: null },
      data: { revokedAt: now },
    });
    if (count === 0) throw new ConflictError("This invitation was accepted or revoked meanwhile.");
    await recordAuditByCaller(tx, ctx, {
      organizationId: found.organizationId,
      action: "invitation.revoked",
      target: { type: "Invitation", id: found.id, label: found.email },
      changes: { email: found.email, role: found.role },
    });
    return tx.invitation.findUniqueOrThrow({ where: { id: found.id } });
  });
}
