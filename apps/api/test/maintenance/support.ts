import type { VerifyCode } from "@tessera/core";
import type { Harness, OrgFixture } from "../support/harness.ts";

export const hourMs = 3_600_000;
export const dayMs = 24 * hourMs;

/** A clock stopped at `at`, for maintenance runs that must see one "now". */
export const stoppedClock = (at: Date) => ({ now: () => new Date(at.getTime()) });

/** Today's UTC midnight. */
export function today(now = new Date()): number {
  return Math.floor(now.getTime() / dayMs) * dayMs;
}

/**
 * Counts verifications through the server's own usage recorder and flushes them, exactly as traffic
 * would: `at` is when they happened (so tests can place usage weeks back), `times` how many.
 */
export async function recordUsage(
  h: Harness,
  entries: { keyId: string; code: VerifyCode; at: Date; times?: number }[],
): Promise<void> {
  for (const { keyId, code, at, times = 1 } of entries) {
    for (let i = 0; i < times; i++) h.app.verification.usage.count(keyId, code, at);
  }
  await h.app.verification.usage.flush();
}

/** A key of `org` (inserted directly; the key mutations are tested elsewhere). */
export async function keyOf(org: OrgFixture): Promise<string> {
  return (await org.keyClient()).key.id;
}
