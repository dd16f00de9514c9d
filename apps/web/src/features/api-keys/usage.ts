import { kindLabel } from "../../lib/labels.ts";

export type UsageBucket = { start: string; total: number; byCode: { code: string; count: number }[] };

const dayMs = 86_400_000;
/** Days shown in a key's usage chart, today (UTC) included. */
export const usageDays = 30;

/**
 * The 30 UTC days ending with today: `until` is the next UTC midnight, so today's bucket is whole and
 * the answer has exactly 30 daily buckets. Computed once per drawer: new variables would refetch.
 */
export function usageWindow(now: Date): { since: string; until: string } {
  const tomorrow = Math.floor(now.getTime() / dayMs) * dayMs + dayMs;
  return { since: new Date(tomorrow - usageDays * dayMs).toISOString(), until: new Date(tomorrow).toISOString() };
}

/** "VALID" → "Valid", "ORIGIN_NOT_ALLOWED" → "Origin not allowed", "IP_NOT_ALLOWED" → "IP not allowed". */
export function codeLabel(code: string): string {
  const words = kindLabel(code).replace(/^ip\b/, "IP");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The label inside a sentence: "valid", "origin not allowed", but "IP not allowed" (an acronym stays). */
export function codeWords(code: string): string {
  const label = codeLabel(code);
  return /^[A-Z]{2}/.test(label) ? label : label.charAt(0).toLowerCase() + label.slice(1);
}

export type UsageSummary = {
  total: number;
  /** Totals per outcome: VALID first, then refusals from most to least frequent. */
  totals: { code: string; count: number }[];
  /** One series per outcome that occurred, a count per bucket (zeros included). */
  series: { code: string; data: number[] }[];
  starts: string[];
};

export function summarizeUsage(buckets: UsageBucket[]): UsageSummary {
  const byCode = new Map<string, number[]>();
  buckets.forEach((bucket, index) => {
    for (const { code, count } of bucket.byCode) {
      const data = byCode.get(code) ?? new Array<number>(buckets.length).fill(0);
      data[index] = count;
      byCode.set(code, data);
    }
  });
  const totals = [...byCode]
    .map(([code, data]) => ({ code, count: data.reduce((sum, n) => sum + n, 0) }))
    .sort((a, b) => Number(b.code === "VALID") - Number(a.code === "VALID") || b.count - a.count);
  return {
    total: buckets.reduce((sum, bucket) => sum + bucket.total, 0),
    totals,
    series: totals.map(({ code }) => ({ code, data: byCode.get(code) ?? [] })),
    starts: buckets.map((bucket) => bucket.start),
  };
}

const number = new Intl.NumberFormat("en-GB");

/** "12 verifications in the last 30 days: 10 valid, 2 revoked." — the chart's text alternative. */
export function usageSentence(summary: UsageSummary): string {
  const plural = (n: number) => `${number.format(n)} verification${n === 1 ? "" : "s"}`;
  const parts = summary.totals.map(({ code, count }) => `${number.format(count)} ${codeWords(code)}`);
  return `${plural(summary.total)} in the last ${usageDays} days: ${parts.join(", ")}.`;
}

// Valid is the theme's success green; refusals get distinct non-green colours, fixed per code so a
// code keeps its colour from one key to the next.
const colours: Record<string, string> = {
  VALID: "#1b6e20",
  REVOKED: "#b71c1c",
  EXPIRED: "#e65100",
  INSUFFICIENT_SCOPE: "#6a1b9a",
  ORIGIN_NOT_ALLOWED: "#1565c0",
  USER_AGENT_NOT_ALLOWED: "#00838f",
  RESOURCE_FORBIDDEN: "#ad1457",
  ACCOUNT_MISMATCH: "#4e342e",
  ACCOUNT_INACTIVE: "#827717",
  RATE_LIMITED: "#455a64",
  IP_NOT_ALLOWED: "#283593",
  USAGE_EXCEEDED: "#bf360c",
};

/** The colour of an outcome in every usage chart. */
export const outcomeColour = (code: string): string => colours[code] ?? "#5d4037";

/**
 * The chart's series as shares of each day's verifications (percent), so a handful of refusals stays
 * visible beside a day of thousands of valid answers. A day without verifications stays at zero.
 */
export function asPercentages(summary: UsageSummary): UsageSummary["series"] {
  const totals = summary.starts.map((_start, day) => summary.series.reduce((sum, s) => sum + (s.data[day] ?? 0), 0));
  return summary.series.map(({ code, data }) => ({
    code,
    data: data.map((count, day) => {
      const total = totals[day] ?? 0;
      return total === 0 ? 0 : Math.round((count / total) * 1000) / 10;
    }),
  }));
}
