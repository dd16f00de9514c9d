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

  it("an address over its limit waits for its refusals (one shared timer), never for its valid answers", async () => {
    const w = await world();
    const attacker = "198.51.100.67";
    const probe = { key: w.keys.strict.secret, userAgent: "FleetApp/2" };
    for (let i = 0; i < 3; i++) await verifyOverGraphQL(limited, { ...probe, scope: "routes:write" }, attacker);
    // Over the limit now: twenty refusals at once are all held, together, for about one delay.
    const started = performance.now();
    const order: string[] = [];
    const refusals = Array.from({ length: 20 }, () =>
      limited.verification.verify({ key: "tsr_made_up" }, attacker).then((a) => order.push(a.code)),
    );
    const valid = limited.verification
      .verify({ ...probe, scope: "vehicles:read" }, attacker)
      .then((a) => order.push(a.code));
    await Promise.all([...refusals, valid]);
    const elapsed = performance.now() - started;
    // The valid answer came first, not held; the refusals all read RATE_LIMITED after the delay.
    expect(order[0]).toBe("VALID");
    expect(order.slice(1)).toEqual(Array(20).fill("RATE_LIMITED"));
    expect(elapsed).toBeGreaterThanOrEqual(holdMs - 5);
    expect(elapsed).toBeLessThan(20 * holdMs);
    expect(limited.verification.stats().heldRefusals).toBeGreaterThanOrEqual(20);
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
