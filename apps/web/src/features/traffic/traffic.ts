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
