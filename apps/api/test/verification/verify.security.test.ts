import { defaultVerificationSettings } from "@tessera/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { silentLogger } from "../../src/log.ts";
import { type App, createApp } from "../../src/server.ts";
import { useHarness } from "../support/harness.ts";
import { sharedWorld } from "./fixtures.ts";
import { verifyOverGraphQL } from "./support.ts";

const h = useHarness();
const world = sharedWorld(h);
let limited: App;
const holdMs = 400;

beforeAll(() => {
  limited = createApp({
    prisma: h.db.prisma,
    logger: silentLogger,
    clock: h.clock,
    verificationSettings: {
      ...defaultVerificationSettings,
      failureLimit: { points: 3, windowSeconds: 60, refusalDelayMs: holdMs },
    },
  });
});
afterAll(() => limited.close());

describe("verification is no brute-force oracle", () => {
  it("after the limit, an address's refusals all read RATE_LIMITED, while valid keys still pass", async () => {
    const w = await world();
    const attacker = "198.51.100.66";
    const probe = { key: w.keys.strict.secret, userAgent: "FleetApp/2" };
    const codes: string[] = [];
    for (const scope of ["routes:write", "keys:write", "accounts:write", "resources:write"]) {
      codes.push((await verifyOverGraphQL(limited, { ...probe, scope }, attacker)).code);
    }
    expect(codes).toEqual(["INSUFFICIENT_SCOPE", "INSUFFICIENT_SCOPE", "INSUFFICIENT_SCOPE", "RATE_LIMITED"]);
    // Guessing keys is limited the same way.
    expect((await verifyOverGraphQL(limited, { key: "tsr_nope" }, attacker)).code).toBe("RATE_LIMITED");
    // Valid answers are never replaced, even for the limited address...
    expect((await verifyOverGraphQL(limited, { ...probe, scope: "vehicles:read" }, attacker)).code).toBe("VALID");
    // ...and other addresses are not affected.
    expect((await verifyOverGraphQL(limited, { ...probe, scope: "routes:write" }, "198.51.100.7")).code).toBe(
      "INSUFFICIENT_SCOPE",
    );
  });

  it("an address over its limit waits for its refusals, never for its valid answers", async () => {
    const w = await world();
    const attacker = "198.51.100.67";
    const probe = { key: w.keys.strict.secret, userAgent: "FleetApp/2" };
    // Three refusals use the points; the fourth is the first RATE_LIMITED, held like every later one.
    for (let i = 0; i < 4; i++) await verifyOverGraphQL(limited, { ...probe, scope: "routes:write" }, attacker);
    const heldBefore = limited.verification.stats().heldRefusals;
    // Over the limit now, so everything below takes the memory-only path of a limited address.
    const started = performance.now();
    const refusals = Array.from({ length: 20 }, () =>
      Promise.resolve(limited.verification.verify({ key: "tsr_made_up" }, attacker)).then((a) => ({
        code: a.code,
        ms: performance.now() - started,
      })),
    );
    const valid = await limited.verification.verify({ ...probe, scope: "vehicles:read" }, attacker);
    const validMs = performance.now() - started;
    const refused = await Promise.all(refusals);
    expect(valid.code).toBe("VALID");
    expect(validMs).toBeLessThan(holdMs);
    expect(refused.map((r) => r.code)).toEqual(Array(20).fill("RATE_LIMITED"));
    // All held together for one delay (not one after another), and counted.
    for (const { ms } of refused) expect(ms).toBeGreaterThanOrEqual(holdMs - 5);
    expect(Math.max(...refused.map((r) => r.ms))).toBeLessThan(3 * holdMs);
    expect(limited.verification.stats().heldRefusals - heldBefore).toBe(20);
  });

  it("a key of one organization learns nothing about another organization's accounts or resources", async () => {
    const w = await world();
    const theirs = { key: w.keys.full.secret, accountToken: w.tokens.foreign };
    const answer = await verifyOverGraphQL(h.app, theirs, "198.51.100.8");
    expect(answer).toMatchObject({ valid: false, code: "ACCOUNT_MISMATCH", customerAccountId: null });
    const resource = await verifyOverGraphQL(h.app, { key: w.keys.full.secret, resourceId: w.resources.foreign.id });
    expect(resource).toMatchObject({ valid: false, code: "RESOURCE_FORBIDDEN", organizationId: null });
  });

  it("needs no session, and a caller's session or Bearer key changes nothing about the answer", async () => {
    const w = await world();
    const query = `query V($input: VerifyApiKeyInput!) { verifyApiKey(input: $input) { code keyId } }`;
    const input = { key: w.keys.full.secret };
    const anonymous = await h.anonymous.gql(query, { input });
    const asOtherOwner = await w.other.as.OWNER.gql(query, { input });
    expect(anonymous.data?.verifyApiKey).toEqual({ code: "VALID", keyId: w.keys.full.apiKey.id });
    expect(asOtherOwner.data?.verifyApiKey).toEqual(anonymous.data?.verifyApiKey);
  });
});
