import { describe, expect, it } from "vitest";
import { defaultRetryPolicy, retryDelayMs } from "./outbox.ts";

describe("retryDelayMs", () => {
  it("doubles from the base delay and stops at the cap", () => {
    const policy = { ...defaultRetryPolicy, baseDelayMs: 30_000, maxDelayMs: 3_600_000 };
    expect([1, 2, 3, 4].map((attempt) => retryDelayMs(policy, attempt))).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(retryDelayMs(policy, 8)).toBe(3_600_000);
    expect(retryDelayMs(policy, 50)).toBe(3_600_000);
  });

  it("keeps the lease longer than a delivery may take", () => {
    // The mail and webhook transports give up within 10 s to connect and 30 s of silence.
    expect(defaultRetryPolicy.leaseMs).toBeGreaterThan(60_000);
  });
});
