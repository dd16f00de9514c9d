import { UnauthenticatedError } from "../errors.ts";
import type { Viewer } from "../viewer.ts";
import { hashPassword, verifyPassword } from "./password.ts";
import { assertAcceptablePassword } from "./password-rules.ts";
import type { SessionDeps } from "./session-security.ts";
import { endOtherSessions, requireMember } from "./sessions.ts";
import { SignInThrottledError } from "./sign-in-throttle.ts";

export type ChangePasswordInput = {
  currentPassword: string;
  newPassword: string;
  sourceAddress: string | null;
};

/**
 * Changes the signed-in member's password. The current password is required (a borrowed, unlocked
 * browser is not enough), and its guesses count against the same throttle as sign-in, so a stolen
 * session cookie cannot be used to guess it at speed. Every other session ends: whoever knew the old
 * password is signed out. Returns how many sessions ended.
 */
export async function changePassword(deps: SessionDeps, viewer: Viewer, input: ChangePasswordInput) {
  const member = requireMember(viewer);
  assertAcceptablePassword(input.newPassword, member.email);
  const decision = await deps.security.throttle.attempt(member.email, input.sourceAddress);
  if (!decision.allowed) throw new SignInThrottledError(decision.retryAfter);
  const user = await deps.prisma.user.findUniqueOrThrow({ where: { id: member.userId } });
  if (!(await verifyPassword(input.currentPassword, user.passwordHash))) {
    throw new UnauthenticatedError("The current password is wrong.");
  }
  await deps.security.throttle.succeeded(member.email, input.sourceAddress);
  const passwordHash = await hashPassword(input.newPassword);
  return deps.prisma.$transaction(async (tx) => {
    await tx.user.update({ where: { id: member.userId }, data: { passwordHash } });
    return endOtherSessions(tx, member, input, "member.password_changed");
  });
}
