import { type UsageCount, writeUsageCounts } from "@tessera/core";
import type { Prisma } from "@tessera/db";
import { demoOrganizationSlug as acme } from "./organizations.ts";
import { demoId, seededRandom } from "./stable-values.ts";

const hourMs = 3_600_000;
const dayMs = 24 * hourMs;
/** Days of traffic before the moment of seeding: the Overview's 30. */
const days = 30;

/** Verifications of one key per hour, by outcome, as a function of how long ago the hour was. */
type Traffic = {
  key: string;
  /** VALID verifications in a busy hour (business hours are busiest, nights quiet). */
  peak: number;
  /** VALID traffic only in hours at least this many days ago (the key's `lastUsedAt`). */
  lastValidDaysAgo: number;
  /** Refusals: on average this many a day of this code, within the days given (days ago). */
  refusals: { code: string; perDay: number; from?: number; to?: number }[];
};

/**
 * Believable traffic for the demo keys over the last 30 days, matching their story: the dashboard is
 * busy every day, the route planner until yesterday (with a few origin and scope refusals), the
 * legacy bridge until twelve days ago and then calls its expired key, the old partner's sync keeps
 * knocking with its revoked key. The automation key only manages (no verifications).
 */
const traffic: Traffic[] = [
  {
    key: "Fleet dashboard",
    peak: 180,
    lastValidDaysAgo: 0,
    refusals: [
      { code: "RATE_LIMITED", perDay: 9, from: 18, to: 11 },
      { code: "INSUFFICIENT_SCOPE", perDay: 2 },
    ],
  },
  {
    key: "Route planner integration",
    peak: 70,
    lastValidDaysAgo: 1,
    refusals: [
      { code: "ORIGIN_NOT_ALLOWED", perDay: 14 },
      { code: "USER_AGENT_NOT_ALLOWED", perDay: 3 },
      { code: "RESOURCE_FORBIDDEN", perDay: 4, to: 2 },
    ],
  },
  {
    key: "Legacy telematics",
    peak: 40,
    lastValidDaysAgo: 12,
    refusals: [{ code: "EXPIRED", perDay: 60, to: 0, from: 10 }],
  },
  {
    key: "Old partner sync",
    peak: 0,
    lastValidDaysAgo: days,
    refusals: [{ code: "REVOKED", perDay: 12, from: days }],
  },
];

/** Relative load of an hour of the UTC day: quiet at night, busiest mid-morning and afternoon. */
const dayShape = [
  0.08, 0.06, 0.05, 0.05, 0.07, 0.12, 0.25, 0.5, 0.8, 0.95, 1, 0.92, 0.75, 0.85, 0.95, 1, 0.9, 0.7, 0.5, 0.35, 0.25,
  0.18, 0.12, 0.1,
];

/** The hourly counts for the demo keys, the same every run for the same `now`. */
export function demoUsage(now: Date): UsageCount[] {
  const counts: UsageCount[] = [];
  const currentHour = Math.floor(now.getTime() / hourMs) * hourMs;
  const firstHour = currentHour - (days * 24 - 1) * hourMs;
  for (const profile of traffic) {
    const apiKeyId = demoId(`${acme}:key:${profile.key}`);
    const random = seededRandom(`usage:${profile.key}`);
    const lastValid = now.getTime() - profile.lastValidDaysAgo * dayMs;
    for (let hour = firstHour; hour <= currentHour; hour += hourMs) {
      const daysAgo = (now.getTime() - hour) / dayMs;
      const shape = dayShape[new Date(hour).getUTCHours()] ?? 0;
      // Weekends are lighter; each day and hour wobbles a little.
      const weekday = [0, 6].includes(new Date(hour).getUTCDay()) ? 0.45 : 1;
      const add = (code: string, mean: number) => {
        const count = Math.round(mean * (0.7 + 0.6 * random()));
        if (count > 0) counts.push({ apiKeyId, hour: new Date(hour), code, count });
      };
      if (profile.peak > 0 && hour < lastValid) {
        add("VALID", profile.peak * shape * weekday);
      }
      for (const refusal of profile.refusals) {
        if (daysAgo > (refusal.from ?? days) || daysAgo < (refusal.to ?? 0)) continue;
        // Refusals come in bursts: most hours none, some hours several.
        if (random() < 0.25) add(refusal.code, (refusal.perDay / 24 / 0.25) * (0.5 + shape));
      }
    }
  }
  return counts;
}

/** Writes the demo traffic through the usage flush's own statement (hourly, daily, totals, running totals). */
export async function createUsage(tx: Prisma.TransactionClient, now: Date): Promise<void> {
  await writeUsageCounts(tx, demoUsage(now), now);
}
