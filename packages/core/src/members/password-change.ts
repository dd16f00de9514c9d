import { UnauthenticatedError } from "../errors.ts";
import { type MemberContext, requireMember } from "./context.ts";
import { endOtherSessions } from "./other-sessions.ts";
import { hashPassword, verifyPassword } from "./password.ts";
import { assertAcceptablePassword } from "./password-rules.ts";
import { SignInThrottledError } from "./sign-in-throttle.ts";

export type ChangePasswordInput = { currentPassword: string; newPassword: string };

/**
 * Changes the signed-in member's password. The current password is required (a borrowed, unlocked
 * browser is not enough), and its guesses count against the same throttle as sign-in, so a stolen
 * session cookie cannot be used to guess it at speed. Every other session ends: whoever knew the old
 * password is signed out. Returns how many sessions ended.
 */
export async function changePassword(ctx: MemberContext, input: ChangePasswordInput) {
  const member = requireMember(ctx.viewer);
  assertAcceptablePassword(input.newPassword, member.email);
  const decision = await ctx.security.throttle.attempt(member.email, ctx.sourceAddress);
  if (!decision.allowed) throw new SignInThrottledError(decision.retryAfter);
  const user = await ctx.prisma.user.findUniqueOrThrow({ where: { id: member.userId } });
  if (!(await verifyPassword(input.currentPassword, user.passwordHash))) {
    throw new UnauthenticatedError("The current password is wrong.");
  }
  await ctx.security.throttle.succeeded(member.email, ctx.sourceAddress);
  const passwordHash = await hashPassword(input.newPassword);
  return ctx.prisma.$transaction(async (tx) => {
    await tx.user.update({ where: { id: member.userId }, data: { passwordHash } });
    return endOtherSessions(tx, member, { action: "member.password_changed", sourceAddress: ctx.sourceAddress });
  });
}
