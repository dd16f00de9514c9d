import type { Prisma } from "@tessera/db";
import { type AuditInput, recordAudit } from "../audit.ts";

/**
 * Records one event about a member in each organization they belong to: a member has no organization
 * of their own, so their admins' audit logs are where sign-ins, sessions and password changes show.
 */
export async function auditEveryOrganization(
  tx: Prisma.TransactionClient,
  userId: string,
  event: Omit<AuditInput, "organizationId">,
): Promise<void> {
  const memberships = await tx.membership.findMany({ where: { userId }, select: { organizationId: true } });
  for (const { organizationId } of memberships) await recordAudit(tx, { organizationId, ...event });
}
