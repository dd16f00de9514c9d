import { describe, expect, it } from "vitest";
import type { ApiKeyRow } from "../api-keys/documents.ts";
import { asPercentages, summarizeUsage } from "../api-keys/usage.ts";
import { daysLeft, expiringSoon, refusalLink } from "./overview.ts";

const key = (name: string, expiresAt: string): ApiKeyRow => ({
  id: name,
  name,
  hint: "tsr_x…",
  status: "EXPIRING" as const,
  createdAt: "2026-01-01T00:00:00Z",
  expiresAt,
  apiVersion: "v2",
  lastUsedAt: null,
  createdBy: null,
});

describe("the Overview's figures", () => {
  const now = new Date("2026-12-01T12:00:00Z");

  it("lists keys expiring within 30 days, soonest first, with whole days left", () => {
    const keys = [
      key("later", "2027-02-01T00:00:00Z"),
      key("soon", "2026-12-20T00:00:00Z"),
      key("today", "2026-12-01T18:00:00Z"),
      key("edge", "2026-12-31T12:00:00Z"),
    ];
    expect(expiringSoon(keys, now).map((k) => k.name)).toEqual(["today", "soon", "edge"]);
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
