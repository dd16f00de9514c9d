import type { MemberRole, Prisma } from "@tessera/db";
import { managementScopes } from "./roles.ts";

export type NewOrganization = {
  slug: string;
  name: string;
  /** Domain scopes of the catalogue ("available actions"); management scopes are always added. */
  domainScopes?: { name: string; description: string }[];
  apiVersions?: { name: string; deprecated?: boolean; releasedAt?: Date }[];
  members?: { userId: string; role: MemberRole }[];
};

/**
 * Creates an organization with its catalogue: the domain scopes given, every management scope
 * Tessera honours, and its API versions. Run inside the caller's transaction.
 */
export async function createOrganization(tx: Prisma.TransactionClient, input: NewOrganization) {
  const org = await tx.organization.create({ data: { slug: input.slug, name: input.name } });
  await tx.scope.createMany({
    data: [
      ...(input.domainScopes ?? []).map((s) => ({ ...s, organizationId: org.id, kind: "DATA" as const })),
      ...managementScopes.map((s) => ({
        name: s.name,
        description: s.description,
        organizationId: org.id,
        kind: "MANAGEMENT" as const,
      })),
    ],
  });
  if (input.apiVersions?.length) {
    await tx.apiVersion.createMany({ data: input.apiVersions.map((v) => ({ ...v, organizationId: org.id })) });
  }
  if (input.members?.length) {
    await tx.membership.createMany({ data: input.members.map((m) => ({ ...m, organizationId: org.id })) });
  }
  return org;
}
