import type { CustomerAccountStatus, PrismaClient } from "@tessera/db";

export type AccountByToken = { id: string; organizationId: string; name: string; status: CustomerAccountStatus };

/**
 * The account an account token identifies, in any organization, or null. Verification uses it and
 * then checks the organization and status itself; a rotated-away token finds nothing, at once,
 * because only the current token is stored.
 */
export function findAccountByToken(prisma: PrismaClient, token: string): Promise<AccountByToken | null> {
  if (!token) return Promise.resolve(null);
  return prisma.customerAccount.findUnique({
    where: { token },
    select: { id: true, organizationId: true, name: true, status: true },
  });
}
