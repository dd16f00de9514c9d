/** What became of an invitation. */
export type InvitationStatus = "PENDING" | "ACCEPTED" | "REVOKED" | "EXPIRED";

export const invitationLifetimeMs = 7 * 24 * 60 * 60 * 1000;

/** Derived, never stored: accepted or revoked is final; otherwise pending until it expires. */
export function invitationStatus(
  invitation: { acceptedAt: Date | null; revokedAt: Date | null; expiresAt: Date },
  now: Date,
): InvitationStatus {
  if (invitation.acceptedAt) return "ACCEPTED";
  if (invitation.revokedAt) return "REVOKED";
  return invitation.expiresAt <= now ? "EXPIRED" : "PENDING";
}

/** The rows a `status` filter selects (pending and expired depend on the time). */
export function invitationStatusWhere(status: InvitationStatus, now: Date) {
  switch (status) {
    case "ACCEPTED":
      return { acceptedAt: { not: null } };
    case "REVOKED":
      return { acceptedAt: null, revokedAt: { not: null } };
    case "EXPIRED":
      return { acceptedAt: null, revokedAt: null, expiresAt: { lte: now } };
    case "PENDING":
      return { acceptedAt: null, revokedAt: null, expiresAt: { gt: now } };
  }
}
