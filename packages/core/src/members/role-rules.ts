import { ForbiddenError } from "../errors.ts";
import type { MemberRole } from "../roles.ts";

/** OWNER and ADMIN manage members and invitations; EDITOR and VIEWER only see them. */
export function managesMembers(role: MemberRole): boolean {
  return role === "OWNER" || role === "ADMIN";
}

/**
 * May a member with role `actor` give `role` to someone (an invitation, or a role change of a member
 * who is not yet OWNER)? Only an OWNER grants OWNER.
 */
export function assertMayGrant(actor: MemberRole, role: MemberRole): void {
  if (!managesMembers(actor)) throw new ForbiddenError(`Your role (${actor}) cannot manage members.`);
  if (role === "OWNER" && actor !== "OWNER") throw new ForbiddenError("Only an owner can make someone an owner.");
}

/**
 * May `actor` change the role of, or remove, a member whose role is `target` (`self`: the actor
 * themself)? Only an OWNER changes or removes an OWNER; an ADMIN cannot change or remove another ADMIN.
 * The last-owner rule needs the organization's other owners and is checked under a lock.
 */
export function assertMayManage(actor: MemberRole, target: MemberRole, self: boolean): void {
  if (!managesMembers(actor)) throw new ForbiddenError(`Your role (${actor}) cannot manage members.`);
  if (target === "OWNER" && actor !== "OWNER") throw new ForbiddenError("Only an owner can change or remove an owner.");
  if (target === "ADMIN" && actor === "ADMIN" && !self) {
    throw new ForbiddenError("An admin cannot change or remove another admin; ask an owner.");
  }
}
