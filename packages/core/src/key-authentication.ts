import type { PrismaClient } from "@tessera/db";
import { hashApiKey, isWellFormedApiKey } from "./api-key-secret.ts";
import type { Clock } from "./clock.ts";
import { UnauthenticatedError } from "./errors.ts";
import { isManagementScope, type ManagementScope, managementScopes } from "./roles.ts";
import type { Viewer } from "./viewer.ts";

/**
 * The key viewer for `Authorization: Bearer <secret>`. Unlike a stale cookie, a bad key is an error,
 * not an anonymous call: an integrator must learn at once that their key no longer works.
 * The answer never says more than needed (unknown and malformed keys read the same).
 */
export async function viewerFromApiKey(prisma: PrismaClient, secret: string, clock: Clock): Promise<Viewer> {
  if (!isWellFormedApiKey(secret)) throw new UnauthenticatedError("The API key is not valid.");
  const key = await prisma.apiKey.findUnique({
    where: { hashedKey: hashApiKey(secret) },
    select: {
      id: true,
      name: true,
      organizationId: true,
      allScopes: true,
      revokedAt: true,
      expiresAt: true,
      scopes: { select: { scope: { select: { name: true } } } },
    },
  });
  if (!key) throw new UnauthenticatedError("The API key is not valid.");
  if (key.revokedAt) throw new UnauthenticatedError("The API key has been revoked.");
  if (key.expiresAt <= clock.now()) throw new UnauthenticatedError("The API key has expired.");
  await recordKeyUse(prisma, key.id, clock.now());

  const scopes = key.allScopes ? null : key.scopes.map((s) => s.scope.name);
  const management: ManagementScope[] = scopes ? scopes.filter(isManagementScope) : managementScopes.map((s) => s.name);
  return {
    kind: "apiKey",
    keyId: key.id,
    keyName: key.name,
    organizationId: key.organizationId,
    managementScopes: new Set(management),
    scopes,
  };
}

/** "Last used" is shown to the minute; writing it at most once a minute per key spares a write per call. */
export const lastUsedResolutionMs = 60_000;

/**
 * Marks the key as used now. Raw SQL on purpose: Prisma's @updatedAt would otherwise move `updatedAt`,
 * which means "last changed by an admin", on every call. The condition makes the write happen at most
 * once per minute per key, and makes concurrent calls harmless.
 */
export async function recordKeyUse(prisma: PrismaClient, keyId: string, now: Date): Promise<void> {
  const staleBefore = new Date(now.getTime() - lastUsedResolutionMs);
  await prisma.$executeRaw`
    UPDATE "ApiKey" SET "lastUsedAt" = ${now}
    WHERE "id" = ${keyId}::uuid AND ("lastUsedAt" IS NULL OR "lastUsedAt" < ${staleBefore})`;
}
