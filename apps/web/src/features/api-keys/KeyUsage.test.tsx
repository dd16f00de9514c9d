import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { UsageView } from "./KeyUsage.tsx";
import { type UsageBucket, usageWindow } from "./usage.ts";

/** 30 zero-filled daily buckets as the API answers them, with counts on some days. */
function month(counts: Record<number, Record<string, number>> = {}): UsageBucket[] {
  const since = new Date(usageWindow(new Date("2026-11-26T14:00:00Z")).since).getTime();
  return Array.from({ length: 30 }, (_, day) => {
    const byCode = Object.entries(counts[day] ?? {}).map(([code, count]) => ({ code, count }));
    return {
      start: new Date(since + day * 86_400_000).toISOString(),
      total: byCode.reduce((sum, c) => sum + c.count, 0),
      byCode,
    };
  });
}

describe("UsageView", () => {
  it("asks for exactly 30 daily buckets ending with today", () => {
    expect(usageWindow(new Date("2026-11-26T14:00:00Z"))).toEqual({
      since: "2026-10-28T00:00:00.000Z",
      until: "2026-11-27T00:00:00.000Z",
    });
  });

  it("says there were no verifications, and draws no chart", () => {
    render(<UsageView buckets={month()} fetching={false} />);
    expect(screen.getByText("No verifications in the last 30 days.")).toBeTruthy();
    expect(screen.queryByRole("img")).toBeNull();
  });

  it("sums the outcomes in a sentence, valid first, and draws them", async () => {
    render(
      <UsageView
        buckets={month({ 3: { VALID: 4, REVOKED: 1 }, 29: { VALID: 6, ORIGIN_NOT_ALLOWED: 2, REVOKED: 2 } })}
        fetching={false}
      />,
    );
    const sentence = "15 verifications in the last 30 days: 10 valid, 3 revoked, 2 origin not allowed.";
    expect(screen.getByText(sentence)).toBeTruthy();
    expect(screen.getByRole("img", { name: `Verifications per day by outcome. ${sentence}` })).toBeTruthy();
    expect(screen.queryByText(/No verifications/)).toBeNull();
    // The lazy chart arrives with a legend entry per outcome.
    for (const label of ["Valid", "Revoked", "Origin not allowed"]) expect(await screen.findByText(label)).toBeTruthy();
  });

  it("groups thousands in the sentence", () => {
    render(<UsageView buckets={month({ 0: { VALID: 12_442, RATE_LIMITED: 1 } })} fetching={false} />);
    expect(screen.getByText("12,443 verifications in the last 30 days: 12,442 valid, 1 rate limited.")).toBeTruthy();
  });

  it("keeps an acronym upper-case inside the sentence", () => {
    render(<UsageView buckets={month({ 5: { VALID: 2, IP_NOT_ALLOWED: 1 } })} fetching={false} />);
    expect(screen.getByText("3 verifications in the last 30 days: 2 valid, 1 IP not allowed.")).toBeTruthy();
  });

  it("shows loading and errors as such", () => {
    const { rerender } = render(<UsageView buckets={null} fetching />);
    expect(screen.getByLabelText("Loading usage")).toBeTruthy();
    rerender(<UsageView buckets={null} fetching={false} error="[Network] Failed to fetch" />);
    expect(screen.getByText("Usage could not be loaded: [Network] Failed to fetch")).toBeTruthy();
  });
});
