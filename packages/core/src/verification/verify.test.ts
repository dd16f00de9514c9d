import type { PrismaClient } from "@tessera/db";
import { describe, expect, it } from "vitest";
import { generateApiKey } from "../api-key-secret.ts";
import { CreditStore } from "./credits.ts";
import type { KeyEntry } from "./entry.ts";
import { RateLimits } from "./rate-limits.ts";
import { type Lookup, verifyApiKey } from "./verify.ts";

const now = new Date("2026-06-01T00:00:00Z");
const key = generateApiKey();
const entry: KeyEntry = {
  keyId: "key-1",
  keyName: "k",
  organizationId: "org-1",
  role: "EDITOR",
  apiVersion: "v2",
  apiVersionDeprecatedAt: null,
  apiVersionSunsetAt: null,
  scopes: new Set(["vehicles:read"]),
  catalogue: ["routes:write", "vehicles:read"],
  managementScopes: new Set(["keys:read", "keys:write"]),
  resourceIds: null,
  customerAccountIds: null,
  origins: [],
  userAgent: null,
  expiresAt: new Date("2026-12-01T00:00:00Z"),
  revokedAt: null,
  rateLimits: [],
  ipAllowlist: [],
  credits: null,
};

/** Lookups that answer from a map and count what they were asked. */
function table<V>(rows: Record<string, V>): Lookup<V> & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    // Memory knows nothing here: every lookup goes through `get`, which records it.
    peek: () => undefined,
    async get(k) {
      asked.push(k);
      return rows[k] ?? null;
    },
  };
}

function deps() {
  return {
    keys: table({ [key.hash]: entry }),
    accounts: table({
      tat_a: { accountId: "acc-1", organizationId: "org-1", status: "ACTIVE" as const, rateLimits: [] },
    }),
    resources: table<{ organizationId: string; ids: string[] }>({}),
    clock: { now: () => now },
    // No key here has credits, so the store's database is never reached.
    traffic: { limits: new RateLimits({ kind: "memory" }), credits: new CreditStore({} as PrismaClient) },
  };
}

describe("verifyApiKey", () => {
  it("refuses a malformed key or a bad checksum before any lookup", async () => {
    const d = deps();
    const tampered = `${key.secret.slice(0, -1)}${key.secret.endsWith("0") ? "1" : "0"}`;
    for (const bad of ["", "hello", tampered, `${key.secret} `, key.secret.toUpperCase()]) {
      expect((await verifyApiKey({ key: bad }, d)).result).toEqual({ valid: false, code: "NOT_FOUND" });
    }
    expect(d.keys.asked).toEqual([]);
  });

  it("looks up only what the request asks about", async () => {
    const d = deps();
    const outcome = await verifyApiKey({ key: key.secret, scope: "vehicles:read" }, d);
    expect(outcome.result).toMatchObject({ valid: true, code: "VALID", keyId: "key-1", scopes: ["vehicles:read"] });
    expect(d.keys.asked).toEqual([key.hash]);
    expect(d.accounts.asked).toEqual([]);
    expect(d.resources.asked).toEqual([]);
  });

  it("answers data scopes only: a management scope the key holds is neither listed nor verified", async () => {
    const valid = await verifyApiKey({ key: key.secret }, deps());
    expect(valid.result).toMatchObject({ valid: true, scopes: ["vehicles:read"] });
    const refused = await verifyApiKey({ key: key.secret, scope: "keys:write" }, deps());
    expect(refused.result).toEqual({ valid: false, code: "INSUFFICIENT_SCOPE" });
  });

  it("says only the code when refusing, but reports the key for usage counts", async () => {
    const outcome = await verifyApiKey({ key: key.secret, scope: "routes:write" }, deps());
    expect(outcome).toEqual({ result: { valid: false, code: "INSUFFICIENT_SCOPE" }, keyId: "key-1" });
  });

  it("carries the account a valid token identified", async () => {
    const outcome = await verifyApiKey({ key: key.secret, accountToken: "tat_a" }, deps());
    expect(outcome.result).toMatchObject({ valid: true, customerAccountId: "acc-1" });
  });
});
