import type { Prisma } from "@tessera/db";
import type { SignedInMember } from "./context.ts";
import { auditEveryOrganization } from "./member-audit.ts";

/**
 * Inside the caller's transaction: ends every session of the member but the current one and records
 * why (signing out everywhere, or a password change) in each of their organizations.
 */
export async function endOtherSessions(
  tx: Prisma.TransactionClient,
  member: SignedInMember,
  why: { action: "member.signed_out_everywhere" | "member.password_changed"; sourceAddress: string | null },
): Promise<number> {
  const { count } = await tx.session.deleteMany({ where: { userId: member.userId, id: { not: member.sessionId } } });
  await auditEveryOrganization(tx, member.userId, {
    actor: { kind: "user", userId: member.userId, label: member.email },
    action: why.action,
    target: { type: "User", id: member.userId, label: member.email },
    sourceAddress: why.sourceAddress,
    changes: { endedSessions: count },
  });
  return count;
}
