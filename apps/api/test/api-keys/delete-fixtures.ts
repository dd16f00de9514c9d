import type { PrismaClient } from "@tessera/db";
import type { OrgFixture } from "../support/harness.ts";
import { createKey, gid } from "./support.ts";

/**
 * A restricted key that owns two resources alone and one together with the EDITOR, with an
 * access-control entry and a granted resource and account. Resources are inserted directly: creating
 * them through the API is another issue's feature.
 */
export async function keyWithResources(prisma: PrismaClient, org: OrgFixture) {
  const organizationId = org.org.id;
  const [solo1, solo2, shared] = await Promise.all(
    ["Solo one", "Solo two", "Shared"].map((name) =>
      prisma.resource.create({ data: { organizationId, kind: "PROJECT", name } }),
    ),
  );
  if (!solo1 || !solo2 || !shared) throw new Error("fixture");
  const account = await prisma.customerAccount.create({
    data: { organizationId, name: "Acc", token: `t_${organizationId}` },
  });
  const { id } = await createKey(org, {
    scopes: ["vehicles:read"],
    resourceIds: [gid("Resource", shared.id)],
    customerAccountIds: [gid("CustomerAccount", account.id)],
  });
  await prisma.resourceOwner.createMany({
    data: [
      { resourceId: solo1.id, apiKeyId: id },
      { resourceId: solo2.id, apiKeyId: id },
      { resourceId: shared.id, apiKeyId: id },
      { resourceId: shared.id, userId: org.users.EDITOR.id },
    ],
  });
  await prisma.accessControlEntry.create({ data: { resourceId: shared.id, apiKeyId: id, permission: "WRITE" } });
  return { id, solo1, solo2, shared };
}

/** Everything a delete touches, to prove a refused delete changed nothing. */
export async function ownershipState(prisma: PrismaClient, organizationId: string) {
  return {
    keys: await prisma.apiKey.findMany({
      where: { organizationId },
      omit: { lastUsedAt: true },
      orderBy: { id: "asc" },
    }),
    resources: await prisma.resource.findMany({ where: { organizationId }, orderBy: { id: "asc" } }),
    owners: await prisma.resourceOwner.findMany({ where: { resource: { organizationId } }, orderBy: { id: "asc" } }),
    acl: await prisma.accessControlEntry.count({ where: { resource: { organizationId } } }),
    restrictions: await prisma.apiKeyScope.count({ where: { apiKey: { organizationId } } }),
    events: await prisma.auditEvent.count({ where: { organizationId } }),
  };
}
