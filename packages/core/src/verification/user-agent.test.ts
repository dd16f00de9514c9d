import { describe, expect, it } from "vitest";
import { isUserAgentAllowed } from "./user-agent.ts";

describe("isUserAgentAllowed", () => {
  it.each([
    [null, undefined, true, "no restriction, no user agent"],
    [null, "curl/8", true, "no restriction"],
    ["FleetApp/2", "Mozilla/5.0 FleetApp/2.1 (Android)", true, "contained"],
    ["FleetApp/2", "FleetApp/2", true, "exactly"],
    ["FleetApp/2", "fleetapp/2.1", false, "case-sensitive"],
    ["FleetApp/2", "FleetApp/3", false, "different"],
    ["FleetApp/2", null, false, "restricted, and the request has none"],
    ["FleetApp/2", "", false, "restricted, and the request's is empty"],
    ["Fleet*", "FleetApp", false, "no wildcards: * is a literal"],
  ] as [string | null, string | null | undefined, boolean, string][])(
    "%j with %j -> %s (%s)",
    (required, userAgent, expected) => {
      expect(isUserAgentAllowed(required, userAgent)).toBe(expected);
    },
  );
});
