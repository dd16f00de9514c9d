// The server's own rules, imported rather than re-written: the console checks limits, credits and
// addresses with exactly the functions that will enforce them (pure code, no Node or database imports).
import { validateCredits, validateIpAllowlist, validateRateLimits } from "@tessera/core/validation";

/** One rate limit row as the dialog edits it (the window in seconds: what people think in). */
export type RateLimitRow = { name: string; limit: string; seconds: string; autoApply: boolean };

/** The credits part of the dialog; `enabled: false` means unlimited usage. */
export type CreditsForm = {
  enabled: boolean;
  remaining: string;
  refill: "NONE" | "DAILY" | "MONTHLY";
  amount: string;
  dayOfMonth: string;
};

export const noCredits: CreditsForm = {
  enabled: false,
  remaining: "1000",
  refill: "NONE",
  amount: "1000",
  dayOfMonth: "1",
};

const problemOf = (check: () => unknown): string | null => {
  try {
    check();
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : "Not valid.";
  }
};

/** A rate limit as the server answers it (a key's or a customer account's). */
export type RateLimit = { name: string; limit: number; durationMs: number; autoApply: boolean };

/** The rows the editor starts from, for limits already saved. */
export function rateLimitRows(limits: readonly RateLimit[]): RateLimitRow[] {
  return limits.map((l) => ({
    name: l.name,
    limit: String(l.limit),
    seconds: String(l.durationMs / 1000),
    autoApply: l.autoApply,
  }));
}

/** A window in the largest whole unit: "minute", "2 hours", "90 seconds". */
export function windowLabel(ms: number): string {
  const seconds = ms / 1000;
  for (const [unit, size] of [
    ["day", 86_400],
    ["hour", 3_600],
    ["minute", 60],
  ] as const) {
    if (seconds % size === 0) return seconds === size ? unit : `${seconds / size} ${unit}s`;
  }
  return seconds === 1 ? "second" : `${seconds} seconds`;
}

/** One limit in words: "requests: 100 per minute (always)". */
export const rateLimitLabel = (l: RateLimit) =>
  `${l.name}: ${l.limit} per ${windowLabel(l.durationMs)}${l.autoApply ? " (always)" : ""}`;

export function rateLimitsInput(rows: RateLimitRow[]) {
  return rows.map((row) => ({
    name: row.name.trim(),
    limit: Number(row.limit),
    durationMs: Number(row.seconds) * 1000,
    autoApply: row.autoApply,
  }));
}

export function creditsInput(form: CreditsForm) {
  if (!form.enabled) return null;
  return {
    remaining: Number(form.remaining),
    refill:
      form.refill === "NONE"
        ? null
        : {
            amount: Number(form.amount),
            interval: form.refill,
            dayOfMonth: form.refill === "MONTHLY" ? Number(form.dayOfMonth) : null,
          },
  };
}

/** Null when the rows (none included) or the credits (off included) are acceptable, otherwise the server's explanation. */
export const rateLimitsProblem = (rows: RateLimitRow[]) => problemOf(() => validateRateLimits(rateLimitsInput(rows)));
export const creditsProblem = (form: CreditsForm) => problemOf(() => validateCredits(creditsInput(form)));
/** Null when the limits and credits can be saved: the dialogs keep their submit disabled otherwise. */
export const trafficProblem = (rows: RateLimitRow[], credits: CreditsForm) =>
  rateLimitsProblem(rows) ?? creditsProblem(credits);
export const ipProblem = (entry: string) => problemOf(() => validateIpAllowlist([entry]));

/** The stored form of an address or range, as the server will keep it. */
export function normalizedIp(entry: string): string {
  return validateIpAllowlist([entry])[0] ?? entry;
}
