import type { Prisma } from "@tessera/db";

/**
 * Inside the caller's transaction: takes the organization's row lock, so changes to its members and
 * invitations happen one after the other. Two owners demoting each other at the same moment then
 * run in turn, and the second sees the first's result (one owner always remains). FOR NO KEY UPDATE
 * does not block the inserts that merely reference the organization (keys, accounts, audit events).
 */
export async function lockOrganization(tx: Prisma.TransactionClient, organizationId: string): Promise<boolean> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT "id"::text AS "id" FROM "Organization" WHERE "id" = ${organizationId}::uuid FOR NO KEY UPDATE`;
  return rows.length === 1;
}
