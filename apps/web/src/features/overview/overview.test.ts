import { describe, expect, it } from "vitest";
import { dayStart } from "../api-keys/key-filter.ts";
import { asPercentages, summarizeUsage } from "../api-keys/usage.ts";
import { daysLeft, expiringSoonDay, keysExpiringBefore, refusalLink } from "./overview.ts";

describe("the Overview's figures", () => {
  const now = new Date("2026-12-01T12:00:00Z");

  it("leads from the expiring keys to the keys list filtered the same way, soonest first, with whole days left", () => {
    // The horizon is a day where the browser is: the one after the 30th day from today.
    const day = expiringSoonDay(new Date(2026, 11, 1, 23, 30));
    expect(day).toBe("2027-01-01");
    expect(dayStart(day)).toBe(new Date(2027, 0, 1).toISOString());
    const link = new URL(keysExpiringBefore(day), "http://console.test");
    expect(link.pathname).toBe("/keys");
    expect(Object.fromEntries(link.searchParams)).toEqual({
      status: "EXPIRING",
      expiresBefore: "2027-01-01",
      sort: "EXPIRES_AT",
    });
    expect(expiringSoonDay(new Date(2027, 1, 27, 0, 5))).toBe("2027-03-30");
    expect(daysLeft("2026-12-01T18:00:00Z", now)).toBe(0);
    expect(daysLeft("2026-12-20T00:00:00Z", now)).toBe(18);
  });

  it("turns counts into shares of each day, so small refusals stay visible", () => {
    const summary = summarizeUsage([
      {
        start: "2026-11-30T00:00:00Z",
        total: 1000,
        byCode: [
          { code: "VALID", count: 995 },
          { code: "REVOKED", count: 5 },
        ],
      },
      { start: "2026-12-01T00:00:00Z", total: 0, byCode: [] },
    ]);
    expect(asPercentages(summary)).toEqual([
      { code: "VALID", data: [99.5, 0] },
      { code: "REVOKED", data: [0.5, 0] },
    ]);
  });

  it("links refusal codes that match a key status to the keys in that status, and no others", () => {
    expect(refusalLink("EXPIRED")).toBe("/keys?status=EXPIRED");
    expect(refusalLink("REVOKED")).toBe("/keys?status=REVOKED");
    expect(refusalLink("ORIGIN_NOT_ALLOWED")).toBeNull();
  });
});
