import type { Prisma } from "@tessera/db";
import { apiKeyStatus } from "../api-key-status.ts";
import { ValidationError } from "../errors.ts";
import { isUuid } from "../ids.ts";
import { canOwnResources } from "../roles.ts";

/** A member or a key of the resource's organization, named by id: exactly one of the two. */
export type PrincipalInput = { userId?: string | null; keyId?: string | null };

/** A principal checked to belong to the organization, with a label for the audit log. */
export type Principal =
  | { kind: "user"; userId: string; label: string; mayWrite: boolean }
  | { kind: "apiKey"; keyId: string; label: string; mayWrite: boolean };

/**
 * Resolves a principal inside the organization. A user who is not a member and a key of another
 * organization read exactly like ids that do not exist; a revoked or expired key can hold nothing,
 * so it is refused too. `mayWrite`: whether the principal could ever use WRITE (EDITOR or higher,
 * an EDITOR key): a VIEWER holds no write permission anywhere.
 */
export async function resolvePrincipal(
  tx: Prisma.TransactionClient,
  organizationId: string,
  input: PrincipalInput,
  /** `activeAt`: refuse a key revoked or expired by then; null to accept any (taking access back). */
  options: { field: string; activeAt: Date | null },
): Promise<Principal> {
  const { field, activeAt } = options;
  const { userId, keyId } = input;
  if (Boolean(userId) === Boolean(keyId)) throw new ValidationError("Name exactly one of a member or a key.", field);
  if (userId) {
    const membership = isUuid(userId)
      ? await tx.membership.findUnique({
          where: { organizationId_userId: { organizationId, userId } },
          select: { role: true, user: { select: { email: true } } },
        })
      : null;
    if (!membership) throw new ValidationError("That user is not a member of this organization.", field);
    return { kind: "user", userId, label: membership.user.email, mayWrite: canOwnResources(membership.role) };
  }
  const id = keyId as string;
  const key = isUuid(id)
    ? await tx.apiKey.findFirst({
        where: { id, organizationId },
        select: { name: true, role: true, revokedAt: true, expiresAt: true },
      })
    : null;
  if (!key) throw new ValidationError("That API key does not belong to this organization.", field);
  const status = activeAt && apiKeyStatus(key, activeAt);
  if (status === "REVOKED" || status === "EXPIRED") {
    throw new ValidationError(`That API key is ${status.toLowerCase()}; it can hold nothing.`, field);
  }
  return { kind: "apiKey", keyId: id, label: `key ${key.name}`, mayWrite: key.role === "EDITOR" };
}

/** The `userId` / `apiKeyId` columns of an owner row or an access entry for the principal. */
export function principalColumns(principal: Principal): { userId: string | null; apiKeyId: string | null } {
  return principal.kind === "user"
    ? { userId: principal.userId, apiKeyId: null }
    : { userId: null, apiKeyId: principal.keyId };
}

/** How the audit log names a principal. */
export function principalSummary(principal: Principal) {
  return principal.kind === "user"
    ? { userId: principal.userId, label: principal.label }
    : { apiKeyId: principal.keyId, label: principal.label };
}
