const dayMs = 86_400_000;

/**
 * Days in each key's running totals (ApiKeyUsageWindow), today included: the Overview's period. The
 * scheduler keeps every row's `since` at the first of these days.
 */
export const usageWindowDays = 30;

/** The first day (UTC midnight) of the last `usageWindowDays` UTC days as of `now`. */
export function usageWindowStart(now: Date): Date {
  return new Date((Math.floor(now.getTime() / dayMs) - (usageWindowDays - 1)) * dayMs);
}
