import { describe, expect, it } from "vitest";
import { ValidationError } from "../errors.ts";
import { validateApiVersionName, validateSunset } from "./api-version-rules.ts";
import { validateScopeDescription, validateScopeName } from "./scope-rules.ts";

const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (error instanceof ValidationError) return { field: error.field, message: error.message };
    throw error;
  }
  return null;
};

describe("scope names", () => {
  it("accepts resource:action in lower case, up to 64 characters", () => {
    for (const name of [
      "vehicles:read",
      "fuel-cards:write",
      "a:b",
      "geo_fences:list2",
      `${"a".repeat(31)}:${"b".repeat(32)}`,
    ]) {
      expect(validateScopeName(name)).toBe(name);
    }
  });

  it("refuses other shapes, naming the field", () => {
    const bad = [
      "vehicles",
      "Vehicles:read",
      "vehicles:",
      ":read",
      "1v:read",
      "vehicles:read:all",
      " vehicles:read",
      "vé:read",
      "v:r\u0000",
    ];
    for (const name of [...bad, `${"a".repeat(32)}:${"b".repeat(32)}`]) {
      expect(refusal(() => validateScopeName(name))?.field, name).toBe("name");
    }
  });

  it("reserves every name whose resource part belongs to a management scope", () => {
    for (const name of [
      "keys:write",
      "keys:purge",
      "accounts:read",
      "resources:move",
      "members:invite",
      "webhooks:x",
    ]) {
      expect(refusal(() => validateScopeName(name))?.message).toMatch(/reserved for Tessera's management scopes/);
    }
  });

  it("requires a description of at most 300 characters, trimmed", () => {
    expect(validateScopeDescription("  Read fuel cards. ")).toBe("Read fuel cards.");
    expect(refusal(() => validateScopeDescription("   "))?.field).toBe("description");
    expect(refusal(() => validateScopeDescription("x".repeat(301)))?.message).toMatch(/at most 300/);
  });
});

describe("API versions", () => {
  it("names are short identifiers", () => {
    expect(validateApiVersionName("2026-06-01")).toBe("2026-06-01");
    for (const name of ["", "v 2", "-v2", "x".repeat(33), "v2/beta"]) {
      expect(refusal(() => validateApiVersionName(name))?.field, name).toBe("name");
    }
  });

  it("a sunset may be any moment of today (UTC) or later, never an earlier day", () => {
    const now = new Date("2026-12-01T15:00:00Z");
    expect(validateSunset(new Date("2026-12-01T00:00:00Z"), now)).toEqual(new Date("2026-12-01T00:00:00Z"));
    expect(refusal(() => validateSunset(new Date("2026-11-30T23:59:59Z"), now))?.field).toBe("sunsetAt");
    expect(refusal(() => validateSunset(new Date(Number.NaN), now))?.field).toBe("sunsetAt");
  });
});
