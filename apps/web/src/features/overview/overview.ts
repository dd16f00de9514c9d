const dayMs = 86_400_000;
/** Keys whose expiry falls within this many days are listed with a Renew button. */
export const expiringSoonDays = 30;

/** The keys list filtered by status: where each number of the Overview leads. */
export const keysWithStatus = (status: string) => `/keys?status=${status}`;
/** A key's details (and its usage chart) on the keys page. */
export const keyDetails = (id: string) => `/keys?key=${encodeURIComponent(id)}`;

/** Refusal codes that match a key status, so their count can lead to the keys in that status. */
const statusOfRefusal: Record<string, string> = { EXPIRED: "EXPIRED", REVOKED: "REVOKED" };
export const refusalLink = (code: string): string | null => {
  const status = statusOfRefusal[code];
  return status ? keysWithStatus(status) : null;
};

/** Whole days until `expiresAt` (0 on the last day). */
export function daysLeft(expiresAt: string, now: Date): number {
  return Math.max(0, Math.floor((new Date(expiresAt).getTime() - now.getTime()) / dayMs));
}

/**
 * The end of the Overview's expiry horizon, as the keys list's day filter takes it (`2026-12-31`): the
 * day after the `expiringSoonDays`th day from today, where the browser is, so the whole last day counts
 * and the list it links to shows exactly the keys it counts (the query uses `dayStart` of the same day).
 */
export function expiringSoonDay(now: Date): string {
  const day = new Date(now.getFullYear(), now.getMonth(), now.getDate() + expiringSoonDays + 1);
  const two = (n: number) => String(n).padStart(2, "0");
  return `${day.getFullYear()}-${two(day.getMonth() + 1)}-${two(day.getDate())}`;
}

/**
 * The keys list showing what the Overview's expiring panel counts: unrevoked keys expiring before the
 * start of `day`, soonest first.
 */
export const keysExpiringBefore = (day: string) =>
  `/keys?${new URLSearchParams({ status: "EXPIRING", expiresBefore: day, sort: "EXPIRES_AT" })}`;
