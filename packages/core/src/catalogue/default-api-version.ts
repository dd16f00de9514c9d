import type { ApiVersion, Prisma } from "@tessera/db";

/**
 * The version a new key gets when none is chosen: the organization's default (`setDefaultApiVersion`).
 * An organization whose default was never set (one created before defaults existed and left alone
 * since) falls back to what new keys got before: the newest version that is not deprecated.
 */
export async function defaultApiVersion(
  tx: Prisma.TransactionClient,
  organizationId: string,
): Promise<ApiVersion | null> {
  const org = await tx.organization.findUnique({
    where: { id: organizationId },
    select: { defaultApiVersion: true },
  });
  if (org?.defaultApiVersion) return org.defaultApiVersion;
  return tx.apiVersion.findFirst({
    where: { organizationId },
    orderBy: [{ deprecated: "asc" }, { releasedAt: "desc" }, { name: "desc" }],
  });
}
