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
  const parts = summary.totals.map(({ code, count }) => `${number.format(count)} ${codeLabel(code).toLowerCase()}`);
  return `${plural(summary.total)} in the last ${usageDays} days: ${parts.join(", ")}.`;
}
