import { describe, expect, it } from "vitest";
import type { KeyEntry } from "./entry.ts";
import { toIpRanges } from "./ip-allowlist.ts";
import { keyStateCode, restrictionCode } from "./rules.ts";

const now = new Date("2026-06-01T00:00:00Z");
const org = "org-1";
const key = (overrides: Partial<KeyEntry> = {}): KeyEntry => ({
  keyId: "key-1",
  keyName: "k",
  organizationId: org,
  role: "VIEWER",
  apiVersion: "v2",
  scopes: null,
  catalogue: ["routes:write", "vehicles:read"],
  managementScopes: new Set(),
  resourceIds: null,
  customerAccountIds: null,
  origins: [],
  userAgent: null,
  expiresAt: new Date("2026-12-01T00:00:00Z"),
  revokedAt: null,
  rateLimits: [],
  ipAllowlist: [],
  credits: null,
  ...overrides,
});
const active = { accountId: "acc-1", organizationId: org, status: "ACTIVE" as const, rateLimits: [] };

describe("keyStateCode", () => {
  it("refuses unknown, then revoked, then expired keys", () => {
    expect(keyStateCode(null, now)).toBe("NOT_FOUND");
    expect(keyStateCode(key({ revokedAt: now, expiresAt: new Date(0) }), now)).toBe("REVOKED");
    expect(keyStateCode(key({ expiresAt: now }), now)).toBe("EXPIRED");
    expect(keyStateCode(key(), now)).toBeNull();
  });
});

describe("restrictionCode", () => {
  it("accounts: unknown, other organization's and not-allowed accounts are a mismatch; inactive ones are inactive", () => {
    expect(restrictionCode(key(), {}, { account: active })).toBe("VALID");
    expect(restrictionCode(key(), {}, { account: null })).toBe("ACCOUNT_MISMATCH");
    expect(restrictionCode(key(), {}, { account: { ...active, organizationId: "org-2" } })).toBe("ACCOUNT_MISMATCH");
    expect(restrictionCode(key({ customerAccountIds: new Set(["acc-2"]) }), {}, { account: active })).toBe(
      "ACCOUNT_MISMATCH",
    );
    expect(restrictionCode(key({ customerAccountIds: new Set(["acc-1"]) }), {}, { account: active })).toBe("VALID");
    expect(restrictionCode(key(), {}, { account: { ...active, status: "SUSPENDED" } })).toBe("ACCOUNT_INACTIVE");
    expect(restrictionCode(key(), {}, { account: { ...active, status: "CLOSED" } })).toBe("ACCOUNT_INACTIVE");
  });

  it("scopes: all-scopes keys have the whole catalogue, restricted keys only theirs", () => {
    expect(restrictionCode(key(), { scope: "vehicles:read" }, {})).toBe("VALID");
    expect(restrictionCode(key(), { scope: "nope:read" }, {})).toBe("INSUFFICIENT_SCOPE");
    const limited = key({ scopes: new Set(["vehicles:read"]) });
    expect(restrictionCode(limited, { scope: "vehicles:read" }, {})).toBe("VALID");
    expect(restrictionCode(limited, { scope: "routes:write" }, {})).toBe("INSUFFICIENT_SCOPE");
    expect(restrictionCode(limited, { scope: "" }, {})).toBe("INSUFFICIENT_SCOPE");
  });

  it("scopes: a management scope never verifies, even on a key that holds it (services check data scopes)", () => {
    const manager = key({ managementScopes: new Set(["keys:write", "keys:read"]) });
    expect(restrictionCode(manager, { scope: "keys:write" }, {})).toBe("INSUFFICIENT_SCOPE");
    expect(restrictionCode(manager, { scope: "keys:read" }, {})).toBe("INSUFFICIENT_SCOPE");
    expect(restrictionCode(manager, { scope: "vehicles:read" }, {})).toBe("VALID");
  });

  it("resources: a grant on any group up the chain reaches the resource; unknown and foreign ones never", () => {
    const chain = { organizationId: org, ids: ["vehicle", "inner-group", "outer-group"] };
    expect(restrictionCode(key(), {}, { resource: chain })).toBe("VALID");
    expect(restrictionCode(key(), {}, { resource: null })).toBe("RESOURCE_FORBIDDEN");
    expect(restrictionCode(key(), {}, { resource: { ...chain, organizationId: "org-2" } })).toBe("RESOURCE_FORBIDDEN");
    expect(restrictionCode(key({ resourceIds: ["outer-group"] }), {}, { resource: chain })).toBe("VALID");
    expect(restrictionCode(key({ resourceIds: ["vehicle"] }), {}, { resource: chain })).toBe("VALID");
    expect(restrictionCode(key({ resourceIds: ["other-group"] }), {}, { resource: chain })).toBe("RESOURCE_FORBIDDEN");
    expect(restrictionCode(key({ resourceIds: [] }), {}, { resource: chain })).toBe("RESOURCE_FORBIDDEN");
  });

  it("origins and user agent", () => {
    expect(restrictionCode(key({ origins: ["example.com"] }), { origin: "https://example.com" }, {})).toBe("VALID");
    expect(restrictionCode(key({ origins: ["example.com"] }), { origin: "https://evil.com" }, {})).toBe(
      "ORIGIN_NOT_ALLOWED",
    );
    expect(restrictionCode(key({ userAgent: "App/1" }), { userAgent: "App/1.2" }, {})).toBe("VALID");
    expect(restrictionCode(key({ userAgent: "App/1" }), { userAgent: "app/1" }, {})).toBe("USER_AGENT_NOT_ALLOWED");
  });

  it("checks in the spec's order: account, scope, resource, IP, origin, user agent", () => {
    const strict = key({
      scopes: new Set(["vehicles:read"]),
      resourceIds: ["g"],
      ipAllowlist: toIpRanges(["10.0.0.0/8"]),
      origins: ["example.com"],
      userAgent: "App/1",
    });
    const bad = { scope: "routes:write", origin: "https://evil.com", userAgent: "curl", ip: "11.0.0.1" };
    const looked = { account: { ...active, status: "SUSPENDED" as const }, resource: null };
    expect(restrictionCode(strict, bad, looked)).toBe("ACCOUNT_INACTIVE");
    expect(restrictionCode(strict, bad, { resource: null })).toBe("INSUFFICIENT_SCOPE");
    expect(restrictionCode(strict, { ...bad, scope: "vehicles:read" }, { resource: null })).toBe("RESOURCE_FORBIDDEN");
    expect(restrictionCode(strict, { ...bad, scope: "vehicles:read" }, {})).toBe("IP_NOT_ALLOWED");
    expect(restrictionCode(strict, { ...bad, scope: "vehicles:read", ip: undefined }, {})).toBe("IP_NOT_ALLOWED");
    expect(restrictionCode(strict, { ...bad, scope: "vehicles:read", ip: "10.1.2.3" }, {})).toBe("ORIGIN_NOT_ALLOWED");
    expect(restrictionCode(strict, { ...bad, scope: "vehicles:read", ip: "10.1.2.3", origin: "example.com" }, {})).toBe(
      "USER_AGENT_NOT_ALLOWED",
    );
  });
});
