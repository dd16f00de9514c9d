import { describe, expect, it } from "vitest";
import { asPercentages, summarizeUsage } from "../api-keys/usage.ts";
import { daysLeft, expiringSoonBefore, keysExpiringBefore, refusalLink } from "./overview.ts";

describe("the Overview's figures", () => {
  const now = new Date("2026-12-01T12:00:00Z");

  it("leads from the expiring keys to the keys list filtered the same way, soonest first, with whole days left", () => {
    const before = expiringSoonBefore(now);
    expect(before).toBe("2026-12-31T12:00:00.000Z");
    const link = new URL(keysExpiringBefore(before), "http://console.test");
    expect(link.pathname).toBe("/keys");
    expect(Object.fromEntries(link.searchParams)).toEqual({
      status: "EXPIRING",
      expiresBefore: "2026-12-31T12:00:00.000Z",
      sort: "EXPIRES_AT",
    });
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
