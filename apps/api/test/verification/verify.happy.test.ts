import { describe, expect, it } from "vitest";
import { globalId } from "../accounts/documents.ts";
import { useHarness } from "../support/harness.ts";
import { sharedWorld } from "./fixtures.ts";
import { useHttpServer, verifyOverGraphQL, verifyOverHttp } from "./support.ts";

const h = useHarness();
const world = sharedWorld(h);
const http = useHttpServer(() => h.app);

describe("verifyApiKey and POST /v1/keys/verify", () => {
  it("answer every code the same way through both doors", async () => {
    const w = await world();
    const { full, strict, originOnly, revoked } = w.keys;
    const good = { key: strict.secret, userAgent: "Mozilla/5.0 FleetApp/2.4" };
    const tampered = `${full.secret.slice(0, -1)}${full.secret.endsWith("A") ? "B" : "A"}`;
    const cases: [string, Record<string, unknown>, string][] = [
      ["all-scopes key, nothing asked", { key: full.secret }, "VALID"],
      ["not a key at all", { key: "hello" }, "NOT_FOUND"],
      ["bad checksum", { key: tampered }, "NOT_FOUND"],
      ["well-formed but unknown", { key: "tsr_00000000000000000000000000000000_000000" }, "NOT_FOUND"],
      ["revoked", { key: revoked.secret }, "REVOKED"],
      ["expired", { key: w.keys.expired }, "EXPIRED"],
      ["allowed active account", { ...good, accountToken: w.tokens.active }, "VALID"],
      ["unknown account token", { ...good, accountToken: "tat_nope" }, "ACCOUNT_MISMATCH"],
      ["empty account token", { ...good, accountToken: "" }, "ACCOUNT_MISMATCH"],
      ["another organization's account", { ...good, accountToken: w.tokens.foreign }, "ACCOUNT_MISMATCH"],
      ["account the key may not act for", { ...good, accountToken: w.tokens.unlisted }, "ACCOUNT_MISMATCH"],
      ["suspended account", { ...good, accountToken: w.tokens.suspended }, "ACCOUNT_INACTIVE"],
      ["closed account", { ...good, accountToken: w.tokens.closed }, "ACCOUNT_INACTIVE"],
      ["all-scopes key, any catalogue scope", { key: full.secret, scope: "routes:write" }, "VALID"],
      [
        "all-scopes key, a scope outside the catalogue",
        { key: full.secret, scope: "nukes:launch" },
        "INSUFFICIENT_SCOPE",
      ],
      ["all-scopes key, a management scope", { key: full.secret, scope: "keys:read" }, "INSUFFICIENT_SCOPE"],
      ["restricted key, its scope", { ...good, scope: "vehicles:read" }, "VALID"],
      ["restricted key, a management scope it holds", { ...good, scope: "keys:write" }, "INSUFFICIENT_SCOPE"],
      ["restricted key, another scope", { ...good, scope: "routes:write" }, "INSUFFICIENT_SCOPE"],
      ["granted group itself", { ...good, resourceId: w.resources.outer.id }, "VALID"],
      ["resource two groups down", { ...good, resourceId: w.resources.vehicle.id }, "VALID"],
      ["resource outside the grant", { ...good, resourceId: w.resources.loose.id }, "RESOURCE_FORBIDDEN"],
      [
        "another organization's resource",
        { key: full.secret, resourceId: w.resources.foreign.id },
        "RESOURCE_FORBIDDEN",
      ],
      [
        "unknown resource id",
        { key: full.secret, resourceId: globalId("Resource", crypto.randomUUID()) },
        "RESOURCE_FORBIDDEN",
      ],
      ["a resource id of another type", { key: full.secret, resourceId: w.orgGid }, "RESOURCE_FORBIDDEN"],
      ["garbage resource id", { key: full.secret, resourceId: "%%%" }, "RESOURCE_FORBIDDEN"],
      ["all resources, own resource", { key: full.secret, resourceId: w.resources.loose.id }, "VALID"],
      ["listed origin", { ...good, origin: "https://example.com" }, "VALID"],
      ["wildcard origin via a Referer URL", { ...good, origin: "https://app.eu.example.org/page?x=1" }, "VALID"],
      ["no origin, ? listed", good, "VALID"],
      ["look-alike origin", { ...good, origin: "https://example.com.evil.com" }, "ORIGIN_NOT_ALLOWED"],
      ["glued look-alike origin", { ...good, origin: "https://notexample.com" }, "ORIGIN_NOT_ALLOWED"],
      ["no origin, ? not listed", { key: originOnly.secret }, "ORIGIN_NOT_ALLOWED"],
      ["wrong-case user agent", { key: strict.secret, userAgent: "fleetapp/2" }, "USER_AGENT_NOT_ALLOWED"],
      ["no user agent", { key: strict.secret }, "USER_AGENT_NOT_ALLOWED"],
      [
        "first failed check wins (scope before origin and user agent)",
        { key: strict.secret, scope: "routes:write", origin: "https://evil.com" },
        "INSUFFICIENT_SCOPE",
      ],
    ];
    for (const [name, input, code] of cases) {
      const viaGraphQL = await verifyOverGraphQL(h.app, input);
      const viaHttp = await verifyOverHttp(http.url, input);
      expect(viaGraphQL.code, name).toBe(code);
      expect(viaHttp, name).toEqual(viaGraphQL);
      expect(viaGraphQL.valid, name).toBe(code === "VALID");
      if (code !== "VALID") {
        // A refusal says why, and nothing about the key, its organization or the account.
        const { ratelimits, degraded, ...rest } = viaGraphQL;
        expect(
          Object.values({ ...rest, valid: null, code: null }).every((v) => v === null),
          name,
        ).toBe(true);
        expect([ratelimits, degraded], name).toEqual([[], false]);
      }
    }
  });

  it("a valid answer says who the key is, with global ids and the whole data catalogue for an all-scopes key", async () => {
    const w = await world();
    const answer = await verifyOverHttp(http.url, {
      key: w.keys.strict.secret,
      accountToken: w.tokens.active,
      userAgent: "FleetApp/2",
    });
    expect(answer).toEqual({
      valid: true,
      code: "VALID",
      keyId: w.keys.strict.apiKey.id,
      organizationId: w.orgGid,
      customerAccountId: w.accounts.active.id,
      role: "EDITOR",
      apiVersion: "v2",
      scopes: ["vehicles:read"],
      expiresAt: w.keys.strict.apiKey.expiresAt,
      ratelimit: null,
      ratelimits: [],
      creditsRemaining: null,
      degraded: false,
    });
    const full = await verifyOverGraphQL(h.app, { key: w.keys.full.secret });
    expect(full).toMatchObject({ keyId: w.keys.full.apiKey.id, customerAccountId: null, role: "VIEWER" });
    expect(full.scopes).toEqual(w.catalogue);
    // Both doors list data scopes only, also for a key that holds management scopes by name.
    const overGraphQL = await verifyOverGraphQL(h.app, { key: w.keys.strict.secret, userAgent: "FleetApp/2" });
    expect(overGraphQL.scopes).toEqual(["vehicles:read"]);
    const fullOverHttp = await verifyOverHttp(http.url, { key: w.keys.full.secret });
    expect(fullOverHttp.scopes).toEqual(w.catalogue);
  });
});
