import { describe, expect, it } from "vitest";
import { formatRelative } from "./dates.ts";

describe("formatRelative", () => {
  const now = Date.parse("2026-12-01T12:00:00Z");
  it.each([
    ["2026-11-28T12:00:00Z", "3 days ago"],
    ["2026-12-01T11:59:40Z", "now"],
    ["2026-12-01T09:00:00Z", "3 hours ago"],
    ["2027-02-01T12:00:00Z", "in 2 months"],
    ["2026-12-02T12:00:00Z", "tomorrow"],
    ["2025-11-01T12:00:00Z", "last year"],
  ])("%s reads as %s", (value, expected) => {
    expect(formatRelative(value, now)).toBe(expected);
  });
});
