export type ApiKeyStatus = "ACTIVE" | "EXPIRING" | "EXPIRED" | "REVOKED";

/** A key is EXPIRING when it is active and expires within this many days. */
export const expiringWindowDays = 90;
const dayMs = 24 * 60 * 60 * 1000;

/** The status shown everywhere. Revocation wins over expiry; an expired key counts as revoked for use. */
export function apiKeyStatus(key: { revokedAt: Date | null; expiresAt: Date }, now: Date): ApiKeyStatus {
  if (key.revokedAt) return "REVOKED";
  if (key.expiresAt.getTime() <= now.getTime()) return "EXPIRED";
  if (key.expiresAt.getTime() - now.getTime() <= expiringWindowDays * dayMs) return "EXPIRING";
  return "ACTIVE";
}
