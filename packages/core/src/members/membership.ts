import type { Membership, Prisma } from "@tessera/db";
import { recordAuditByCaller } from "../audit.ts";
import { ConflictError, ForbiddenError, NotFoundError, UnauthenticatedError, ValidationError } from "../errors.ts";
import { isUuid } from "../ids.ts";
import type { MemberRole } from "../roles.ts";
import { enqueueMemberEvent } from "../webhooks/events.ts";
import { requireMemberManager } from "./member-manager.ts";
import { lockOrganization } from "./organization-lock.ts";
import { assertMayGrant, assertMayManage } from "./role-rules.ts";
import type { TeamContext } from "./team-settings.ts";

type MemberWithEmail = Membership & { user: { email: string } };

/**
 * Inside the organization's lock: the acting member's role as it is now (a concurrent change may
 * have demoted them since the request began), and the target member. Removed or unknown: not found.
 */
async function lockedMembers(tx: Prisma.TransactionClient, organizationId: string, actorId: string, userId: string) {
  if (!(await lockOrganization(tx, organizationId))) throw new NotFoundError("Organization not found.");
  const rows = await tx.membership.findMany({
    where: { organizationId, userId: { in: [actorId, userId] } },
    include: { user: { select: { email: true } } },
  });
  const actor = rows.find((m) => m.userId === actorId);
  const target = rows.find((m) => m.userId === userId);
  if (!actor) throw new NotFoundError("Organization not found.");
  if (!target) throw new NotFoundError("Member not found.");
  return { actor, target };
}

/** The last-owner rule, counted under the organization's lock. */
async function assertAnotherOwner(tx: Prisma.TransactionClient, target: MemberWithEmail, message: string) {
  if (target.role !== "OWNER") return;
  const owners = await tx.membership.count({ where: { organizationId: target.organizationId, role: "OWNER" } });
  if (owners <= 1) throw new ConflictError(message);
}

/** Deletes the membership, audited and announced as removed (by a manager) or left (by the member). */
async function endMembership(
  tx: Prisma.TransactionClient,
  ctx: TeamContext,
  target: MemberWithEmail,
  action: "member.removed" | "member.left",
): Promise<void> {
  await tx.membership.delete({ where: { id: target.id } });
  await recordAuditByCaller(tx, ctx, {
    organizationId: target.organizationId,
    action,
    target: { type: "User", id: target.userId, label: target.user.email },
    changes: { role: target.role },
  });
  await enqueueMemberEvent(tx, action, {
    organizationId: target.organizationId,
    member: { userId: target.userId, email: target.user.email, role: target.role },
    now: ctx.clock.now(),
  });
}

export type UpdateMemberRoleInput = { organizationId: string; userId: string; role: MemberRole };

/** Changes a member's role under the rules of `role-rules.ts` and the last-owner rule; audited. */
export async function updateMemberRole(ctx: TeamContext, input: UpdateMemberRoleInput): Promise<Membership> {
  const manager = await requireMemberManager(ctx, input.organizationId);
  if (!isUuid(input.userId)) throw new NotFoundError("Member not found.");
  return ctx.prisma.$transaction(async (tx) => {
    const { actor, target } = await lockedMembers(tx, input.organizationId, manager.userId, input.userId);
    assertMayManage(actor.role, target.role, actor.userId === target.userId);
    assertMayGrant(actor.role, input.role);
    if (target.role === input.role) return target;
    if (input.role !== "OWNER") {
      await assertAnotherOwner(tx, target, "The last owner cannot be demoted: make another member owner first.");
    }
    const updated = await tx.membership.update({ where: { id: target.id }, data: { role: input.role } });
    await recordAuditByCaller(tx, ctx, {
      organizationId: target.organizationId,
      action: "member.role_changed",
      target: { type: "User", id: target.userId, label: target.user.email },
      changes: { role: { from: target.role, to: input.role } },
    });
    await enqueueMemberEvent(
      tx,
      "member.role_changed",
      {
        organizationId: target.organizationId,
        member: { userId: target.userId, email: target.user.email, role: input.role },
        now: ctx.clock.now(),
      },
      { previousRole: target.role },
    );
    return updated;
  });
}

export type RemoveMemberInput = { organizationId: string; userId: string };

/**
 * Removes someone from the organization. They lose access with their next request (access is read
 * per request); their sessions stay valid for their other organizations, and the keys they created
 * keep working and keep `createdBy`.
 */
export async function removeMember(ctx: TeamContext, input: RemoveMemberInput): Promise<{ userId: string }> {
  const manager = await requireMemberManager(ctx, input.organizationId);
  if (!isUuid(input.userId)) throw new NotFoundError("Member not found.");
  if (input.userId === manager.userId) {
    throw new ValidationError("To leave the organization yourself, use leaveOrganization.", "userId");
  }
  return ctx.prisma.$transaction(async (tx) => {
    const { actor, target } = await lockedMembers(tx, input.organizationId, manager.userId, input.userId);
    assertMayManage(actor.role, target.role, false);
    await assertAnotherOwner(tx, target, "The last owner cannot be removed.");
    await endMembership(tx, ctx, target, "member.removed");
    return { userId: target.userId };
  });
}

/** The signed-in member leaves an organization; the last owner cannot (they would leave it ownerless). */
export async function leaveOrganization(ctx: TeamContext, input: { organizationId: string }) {
  const viewer = ctx.viewer;
  if (viewer.kind === "anonymous") throw new UnauthenticatedError("Sign in to leave an organization.");
  const access = await ctx.access.inOrganization(input.organizationId);
  if (!access) throw new NotFoundError("Organization not found.");
  if (viewer.kind !== "user") throw new ForbiddenError("An API key cannot leave its organization; revoke it instead.");
  return ctx.prisma.$transaction(async (tx) => {
    const { target } = await lockedMembers(tx, input.organizationId, viewer.userId, viewer.userId);
    await assertAnotherOwner(tx, target, "You are the last owner: make another member owner before leaving.");
    await endMembership(tx, ctx, target, "member.left");
    return { organizationId: target.organizationId };
  });
}
