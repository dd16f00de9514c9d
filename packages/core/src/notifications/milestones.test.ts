import { describe, expect, it } from "vitest";
import { daysLeft, dueExpiryMilestone } from "./milestones.ts";

const expiresAt = new Date("2027-06-30T12:00:00Z");
const before = (days: number, extraMs = 0) => new Date(expiresAt.getTime() - days * 86_400_000 + extraMs);

describe("dueExpiryMilestone", () => {
  it("is nothing more than 90 days before expiry", () => {
    expect(dueExpiryMilestone(expiresAt, before(90, -1))).toBeNull();
  });

  it("is each milestone from its moment on, until the next one comes", () => {
    expect(dueExpiryMilestone(expiresAt, before(90))).toBe("DAYS_90");
    expect(dueExpiryMilestone(expiresAt, before(30, -1))).toBe("DAYS_90");
    expect(dueExpiryMilestone(expiresAt, before(30))).toBe("DAYS_30");
    expect(dueExpiryMilestone(expiresAt, before(14))).toBe("DAYS_14");
    expect(dueExpiryMilestone(expiresAt, before(7))).toBe("DAYS_7");
    expect(dueExpiryMilestone(expiresAt, before(1))).toBe("DAYS_1");
    expect(dueExpiryMilestone(expiresAt, before(0, -1))).toBe("DAYS_1");
    expect(dueExpiryMilestone(expiresAt, expiresAt)).toBe("EXPIRED");
  });

  it("gives only the latest milestone after a long pause, not the ones passed meanwhile", () => {
    expect(dueExpiryMilestone(expiresAt, before(3))).toBe("DAYS_7");
  });

  it("stops announcing the expiry a month after it", () => {
    expect(dueExpiryMilestone(expiresAt, before(-30))).toBe("EXPIRED");
    expect(dueExpiryMilestone(expiresAt, before(-30, 1))).toBeNull();
  });
});

describe("daysLeft", () => {
  it("rounds up and stops at zero", () => {
    expect(daysLeft(expiresAt, before(30))).toBe(30);
    expect(daysLeft(expiresAt, before(0, -3_600_000))).toBe(1);
    expect(daysLeft(expiresAt, before(-2))).toBe(0);
  });
});
