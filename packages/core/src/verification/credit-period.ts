import type { CreditsSetting } from "../api-keys/traffic-validation.ts";

/** The period of a key without refill: its credits are one pool for its whole life. */
export const noRefillPeriod = new Date(0);

/**
 * The start of the refill period `now` falls in (UTC): midnight for DAILY; for MONTHLY the latest
 * refill day not after `now` (day 31 in a 30-day month is its 30th, in February its 28th or 29th).
 * Keys without refill have one period (the epoch).
 */
export function creditPeriodStart(refill: CreditsSetting["refill"], now: Date): Date {
  if (!refill) return noRefillPeriod;
  const year = now.getUTCFullYear();
  const month = now.getUTCMonth();
  if (refill.interval === "DAILY") return new Date(Date.UTC(year, month, now.getUTCDate()));
  const day = refill.dayOfMonth ?? 1;
  const inMonth = (y: number, m: number) => new Date(Date.UTC(y, m, Math.min(day, daysIn(y, m))));
  const thisMonth = inMonth(year, month);
  return thisMonth <= now ? thisMonth : inMonth(month === 0 ? year - 1 : year, (month + 11) % 12);
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
}
