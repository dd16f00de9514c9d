import { describe, expect, it } from "vitest";
import { ValidationError } from "../errors.ts";
import { validateCredits, validateIpAllowlist, validateRateLimits } from "./traffic-validation.ts";

function message(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof ValidationError) return error.message;
    throw error;
  }
  throw new Error("expected a ValidationError");
}

describe("validateIpAllowlist", () => {
  it("normalizes addresses and ranges and drops duplicates", () => {
    expect(
      validateIpAllowlist([
        " 10.0.0.1 ",
        "10.1.2.3/8",
        "10.0.0.0/8",
        "2001:DB8:0:0::/32",
        "::ffff:192.0.2.1",
        "::ffff:10.0.0.0/104",
        "192.0.2.1/32",
      ]),
    ).toEqual(["10.0.0.1", "10.0.0.0/8", "2001:db8::/32", "192.0.2.1"]);
  });

  it.each([
    ["10.0.0.0/33", "IPv4 prefix is 0–32 bits"],
    ["2001:db8::/129", "IPv6 prefix is 0–128 bits"],
    ["::ffff:10.0.0.0/64", "IPv4-mapped IPv6 prefix is 96–128 bits"],
    ["10.0.0.0/8/8", 'more than one "/"'],
    ["10.0.0.1 10.0.0.2", "contains a space"],
    ["10.0.0.0 /8", "contains a space"],
    ["example.com", "looks like a hostname"],
    ["localhost", "looks like a hostname"],
    ["010.0.0.1", "four decimal parts"],
    ["10.1", "four decimal parts"],
    ["0x7f.0.0.1", "four decimal parts"],
    ["256.0.0.1", "four decimal parts"],
    ["fe80::1%eth0", "nor an IPv6 address"],
    ["10.0.0.0/-1", "IPv4 prefix"],
    ["", "four decimal parts"],
  ])("refuses %j with a clear message", (entry, expected) => {
    expect(message(() => validateIpAllowlist([entry]))).toContain(expected);
  });

  it("refuses more than 100 entries", () => {
    expect(message(() => validateIpAllowlist(Array.from({ length: 101 }, (_, i) => `10.0.0.${i}`)))).toContain(
      "At most 100",
    );
  });
});

describe("validateRateLimits", () => {
  it("accepts names, limits and whole-second windows from 1 s to 30 days; autoApply defaults to false", () => {
    expect(
      validateRateLimits([
        { name: "requests", limit: 100, durationMs: 60_000 },
        { name: "a", limit: 1, durationMs: 1_000, autoApply: true },
        { name: "z9_-x", limit: 5, durationMs: 30 * 86_400_000 },
      ]),
    ).toEqual([
      { name: "requests", limit: 100, durationMs: 60_000, autoApply: false },
      { name: "a", limit: 1, durationMs: 1_000, autoApply: true },
      { name: "z9_-x", limit: 5, durationMs: 30 * 86_400_000, autoApply: false },
    ]);
  });

  it.each([
    [{ name: "Requests", limit: 1, durationMs: 1000 }, "not a valid rate limit name"],
    [{ name: "1st", limit: 1, durationMs: 1000 }, "not a valid rate limit name"],
    [{ name: "a".repeat(33), limit: 1, durationMs: 1000 }, "not a valid rate limit name"],
    [{ name: "a b", limit: 1, durationMs: 1000 }, "not a valid rate limit name"],
    [{ name: "a", limit: 0, durationMs: 1000 }, "limit from 1"],
    [{ name: "a", limit: 1.5, durationMs: 1000 }, "limit from 1"],
    [{ name: "a", limit: 1, durationMs: 999 }, "whole seconds"],
    [{ name: "a", limit: 1, durationMs: 1500 }, "whole seconds"],
    [{ name: "a", limit: 1, durationMs: 30 * 86_400_000 + 1000 }, "30 days"],
  ])("refuses %j", (limit, expected) => {
    expect(message(() => validateRateLimits([limit]))).toContain(expected);
  });

  it("refuses a name listed twice", () => {
    const twice = [
      { name: "a", limit: 1, durationMs: 1000 },
      { name: "a", limit: 2, durationMs: 2000 },
    ];
    expect(message(() => validateRateLimits(twice))).toContain("listed twice");
  });
});

describe("validateCredits", () => {
  it("null is unlimited; MONTHLY defaults to the 1st; DAILY has no day", () => {
    expect(validateCredits(null)).toBeNull();
    expect(validateCredits({ remaining: 0 })).toEqual({ remaining: 0, refill: null });
    expect(validateCredits({ remaining: 5, refill: { amount: 10, interval: "MONTHLY" } })).toEqual({
      remaining: 5,
      refill: { amount: 10, interval: "MONTHLY", dayOfMonth: 1 },
    });
    expect(validateCredits({ remaining: 5, refill: { amount: 10, interval: "DAILY" } })).toEqual({
      remaining: 5,
      refill: { amount: 10, interval: "DAILY", dayOfMonth: null },
    });
  });

  it.each([
    [{ remaining: -1 }, "Remaining credits"],
    [{ remaining: 1.5 }, "Remaining credits"],
    [{ remaining: 1, refill: { amount: 0, interval: "DAILY" as const } }, "refill amount"],
    [{ remaining: 1, refill: { amount: 1, interval: "DAILY" as const, dayOfMonth: 3 } }, "leave dayOfMonth out"],
    [{ remaining: 1, refill: { amount: 1, interval: "MONTHLY" as const, dayOfMonth: 32 } }, "1 to 31"],
    [{ remaining: 1, refill: { amount: 1, interval: "MONTHLY" as const, dayOfMonth: 0 } }, "1 to 31"],
  ])("refuses %j", (credits, expected) => {
    expect(message(() => validateCredits(credits))).toContain(expected);
  });
});
