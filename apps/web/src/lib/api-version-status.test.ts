import { describe, expect, it } from "vitest";
import { apiVersionStatus } from "./api-version-status.ts";

describe("apiVersionStatus", () => {
  const now = new Date("2026-12-01T12:00:00Z");
  it("is current, deprecated until its sunset, and sunset from that moment on", () => {
    expect(apiVersionStatus({ deprecated: false, sunsetAt: null }, now)).toBe("CURRENT");
    expect(apiVersionStatus({ deprecated: true, sunsetAt: null }, now)).toBe("DEPRECATED");
    expect(apiVersionStatus({ deprecated: true, sunsetAt: "2026-12-02T00:00:00Z" }, now)).toBe("DEPRECATED");
    expect(apiVersionStatus({ deprecated: true, sunsetAt: "2026-12-01T00:00:00Z" }, now)).toBe("SUNSET");
  });
});
