import { describe, expect, it } from "vitest";
import { creditPeriodStart, noRefillPeriod } from "./credit-period.ts";

const at = (iso: string) => new Date(iso);
const monthly = (dayOfMonth: number) => ({ amount: 10, interval: "MONTHLY" as const, dayOfMonth });

describe("creditPeriodStart", () => {
  it("keys without refill have one period", () => {
    expect(creditPeriodStart(null, at("2026-06-15T12:00:00Z"))).toEqual(noRefillPeriod);
  });

  it("DAILY starts at midnight UTC", () => {
    const daily = { amount: 10, interval: "DAILY" as const, dayOfMonth: null };
    expect(creditPeriodStart(daily, at("2026-06-15T23:59:59Z"))).toEqual(at("2026-06-15T00:00:00Z"));
    expect(creditPeriodStart(daily, at("2026-06-16T00:00:00Z"))).toEqual(at("2026-06-16T00:00:00Z"));
  });

  it("MONTHLY starts on the day of the month, or the last day of shorter months", () => {
    expect(creditPeriodStart(monthly(15), at("2026-06-15T00:00:00Z"))).toEqual(at("2026-06-15T00:00:00Z"));
    expect(creditPeriodStart(monthly(15), at("2026-06-14T23:59:59Z"))).toEqual(at("2026-05-15T00:00:00Z"));
    expect(creditPeriodStart(monthly(31), at("2026-02-28T10:00:00Z"))).toEqual(at("2026-02-28T00:00:00Z"));
    expect(creditPeriodStart(monthly(31), at("2026-02-27T10:00:00Z"))).toEqual(at("2026-01-31T00:00:00Z"));
    expect(creditPeriodStart(monthly(31), at("2026-04-30T10:00:00Z"))).toEqual(at("2026-04-30T00:00:00Z"));
    expect(creditPeriodStart(monthly(5), at("2026-01-02T00:00:00Z"))).toEqual(at("2025-12-05T00:00:00Z"));
  });
});
