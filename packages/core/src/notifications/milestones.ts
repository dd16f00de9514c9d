import type { ExpiryMilestone } from "@tessera/db";

const dayMs = 86_400_000;

/**
 * The reminders SPEC.md asks for, nearest first: the key has expired, then 1, 7, 14, 30 and 90
 * days before. The order matters: the first one whose moment has come is the one due.
 */
export const expiryMilestones: readonly { milestone: ExpiryMilestone; daysBefore: number }[] = [
  { milestone: "EXPIRED", daysBefore: 0 },
  { milestone: "DAYS_1", daysBefore: 1 },
  { milestone: "DAYS_7", daysBefore: 7 },
  { milestone: "DAYS_14", daysBefore: 14 },
  { milestone: "DAYS_30", daysBefore: 30 },
  { milestone: "DAYS_90", daysBefore: 90 },
];

/**
 * A key that expired longer ago than this gets no "has expired" notice any more. Without a limit,
 * turning notifications on for a database with years of expired keys would mail every one of them.
 */
export const expiredNoticeWindowDays = 30;

/** The moment a milestone comes for a key expiring at `expiresAt`. */
export function milestoneMoment(expiresAt: Date, daysBefore: number): Date {
  return new Date(expiresAt.getTime() - daysBefore * dayMs);
}

/**
 * The latest milestone whose moment has come, or null when the key is more than 90 days from
 * expiry (or expired too long ago). Only this one is sent: milestones passed while the server was
 * down are skipped in favour of the current one, never sent as a burst.
 */
export function dueExpiryMilestone(expiresAt: Date, now: Date): ExpiryMilestone | null {
  if (now.getTime() - expiresAt.getTime() > expiredNoticeWindowDays * dayMs) return null;
  for (const { milestone, daysBefore } of expiryMilestones) {
    if (now >= milestoneMoment(expiresAt, daysBefore)) return milestone;
  }
  return null;
}

/** Whole days left until expiry, rounded up (a key expiring in 2 hours has 1 day left); 0 once expired. */
export function daysLeft(expiresAt: Date, now: Date): number {
  return Math.max(0, Math.ceil((expiresAt.getTime() - now.getTime()) / dayMs));
}
