import { describe, expect, it } from "vitest";
import { ValidationError } from "../errors.ts";
import { isReservedScopeName } from "../roles.ts";
import {
  twelveMonthsAfter,
  validateDescription,
  validateExpiry,
  validateKeyHoldsAScope,
  validateManagementScopeNames,
  validateManagementScopesForRole,
  validateName,
  validateOrigins,
  validateScopeNames,
  validateUserAgent,
} from "./validation.ts";

const dayMs = 86_400_000;
const now = new Date("2026-03-31T12:00:00.000Z");

function fieldOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof ValidationError) return error.field;
    throw error;
  }
  return undefined;
}

describe("validateOrigins", () => {
  it("accepts hosts, subdomain wildcards and ?, lower-cased and without duplicates", () => {
    expect(validateOrigins(["Example.COM", "*.example.com", "?", "example.com", " localhost "])).toEqual([
      "example.com",
      "*.example.com",
      "?",
      "localhost",
    ]);
  });

  it.each([
    "https://example.com",
    "example.com:443",
    "example.com/path",
    "*",
    "*.",
    "a.*.com",
    "exa mple.com",
    "-bad.com",
    "",
  ])("refuses %j and names it", (origin) => {
    expect(() => validateOrigins([origin])).toThrow(`"${origin}"`);
  });

  it("refuses more than 50 entries", () => {
    expect(fieldOf(() => validateOrigins(Array.from({ length: 51 }, (_, i) => `h${i}.com`)))).toBe("origins");
  });
});

describe("validateUserAgent", () => {
  it("keeps the exact, case-sensitive text; null means any", () => {
    expect(validateUserAgent("MyApp/1.2 (Linux)")).toBe("MyApp/1.2 (Linux)");
    expect(validateUserAgent(null)).toBeNull();
  });
  it.each(["", "   ", "Mozilla/*", "x".repeat(501)])("refuses %j", (ua) => {
    expect(fieldOf(() => validateUserAgent(ua))).toBe("userAgent");
  });
});

describe("name and description", () => {
  it("trims names and enforces 1..100 characters", () => {
    expect(validateName("  Fleet  ")).toBe("Fleet");
    expect(validateName("x".repeat(100))).toHaveLength(100);
    expect(fieldOf(() => validateName("x".repeat(101)))).toBe("name");
    expect(fieldOf(() => validateName(" "))).toBe("name");
  });
  it("treats a blank description as none and refuses more than 1000 characters", () => {
    expect(validateDescription("  ")).toBeNull();
    expect(validateDescription(null)).toBeNull();
    expect(fieldOf(() => validateDescription("d".repeat(1001)))).toBe("description");
  });
});

describe("expiry", () => {
  it("defaults to 12 calendar months", () => {
    expect(validateExpiry(null, now).toISOString()).toBe("2027-03-31T12:00:00.000Z");
    expect(twelveMonthsAfter(now)).toEqual(new Date("2027-03-31T12:00:00.000Z"));
  });
  it("accepts 1 day to 12 months ahead, with a few minutes of clock skew at the far end", () => {
    const oneDay = new Date(now.getTime() + dayMs);
    expect(validateExpiry(oneDay, now)).toEqual(oneDay);
    const skewed = new Date(twelveMonthsAfter(now).getTime() + 60_000);
    expect(validateExpiry(skewed, now)).toEqual(skewed);
  });
  it.each([
    ["less than a day ahead", new Date(now.getTime() + dayMs - 1)],
    ["in the past", new Date(now.getTime() - 1)],
    ["beyond 12 months", new Date(twelveMonthsAfter(now).getTime() + dayMs)],
    ["not a date", new Date(Number.NaN)],
  ])("refuses an expiry %s", (_label, date) => {
    expect(fieldOf(() => validateExpiry(date, now))).toBe("expiresAt");
  });
});

describe("validateScopeNames", () => {
  it("drops duplicates and refuses a management scope, saying where it belongs", () => {
    expect(validateScopeNames(["a:read", " a:read", "b:write"])).toEqual(["a:read", "b:write"]);
    expect(validateScopeNames([])).toEqual([]);
    expect(fieldOf(() => validateScopeNames(["vehicles:read", "keys:write"]))).toBe("scopes");
    expect(() => validateScopeNames(["keys:write"])).toThrow(
      /keys:write is a management scope: grant .* managementScopes/,
    );
  });
});

describe("management scopes", () => {
  it("accepts only the names Tessera honours, naming them when refusing", () => {
    expect(validateManagementScopeNames(["keys:read", "keys:read ", "webhooks:write"])).toEqual([
      "keys:read",
      "webhooks:write",
    ]);
    expect(fieldOf(() => validateManagementScopeNames(["vehicles:read"]))).toBe("managementScopes");
    expect(() => validateManagementScopeNames(["keys:admin"])).toThrow(/Not a management scope: keys:admin/);
  });

  it("lets a VIEWER key hold read management scopes only, naming the role, the scope and the way out", () => {
    expect(() => validateManagementScopesForRole("VIEWER", ["keys:read", "members:read"])).not.toThrow();
    expect(() => validateManagementScopesForRole("EDITOR", ["keys:write", "webhooks:write"])).not.toThrow();
    expect(() => validateManagementScopesForRole("VIEWER", ["keys:read", "keys:write"])).toThrow(
      "A VIEWER key cannot hold keys:write; make the key an EDITOR or grant keys:read.",
    );
    expect(fieldOf(() => validateManagementScopesForRole("VIEWER", ["accounts:write"]))).toBe("managementScopes");
  });

  it("refuses a key with neither data nor management scopes", () => {
    expect(fieldOf(() => validateKeyHoldsAScope([], []))).toBe("scopes");
    expect(() => validateKeyHoldsAScope([], ["keys:read"])).not.toThrow();
    expect(() => validateKeyHoldsAScope(null, [])).not.toThrow();
  });

  it("reserves every name whose resource part Tessera manages", () => {
    for (const name of ["keys:read", "keys:admin", "accounts", "webhooks:anything", "members:write"]) {
      expect(isReservedScopeName(name), name).toBe(true);
    }
    for (const name of ["vehicles:read", "key:read", "routes:write"])
      expect(isReservedScopeName(name), name).toBe(false);
  });
});
