import { describe, expect, it } from "vitest";
import { createMutation, expectError } from "../api-keys/support.ts";
import { useHarness } from "../support/harness.ts";
import { useHttpServer } from "./support.ts";
import { limit, trafficKey, trafficQuery, updateKeyAs, verifyHttp } from "./traffic-support.ts";

const h = useHarness();
const http = useHttpServer(() => h.app);

async function createWith(input: Record<string, unknown>) {
  const org = await h.newOrganization();
  const organizationId = Buffer.from(`Organization:${org.org.id}`).toString("base64");
  const result = await org.as.OWNER.gql(createMutation, { input: { organizationId, ...input } });
  return result.data?.createApiKey;
}

describe("traffic settings are validated on save", () => {
  it.each([
    [{ ipAllowlist: ["10.0.0.0/33"] }, "ipAllowlist", "IPv4 prefix is 0–32 bits"],
    [{ ipAllowlist: ["10.0.0.1 10.0.0.2"] }, "ipAllowlist", "contains a space"],
    [{ ipAllowlist: ["api.example.com"] }, "ipAllowlist", "looks like a hostname"],
    [{ ipAllowlist: ["010.0.0.1"] }, "ipAllowlist", "four decimal parts"],
    [{ rateLimits: [limit("Requests", 1)] }, "rateLimits", "not a valid rate limit name"],
    [{ rateLimits: [{ name: "r", limit: 1, durationMs: 500 }] }, "rateLimits", "whole seconds"],
    [{ rateLimits: [{ name: "r", limit: 0, durationMs: 1000 }] }, "rateLimits", "limit from 1"],
    [{ rateLimits: [limit("r", 1), limit("r", 2)] }, "rateLimits", "listed twice"],
    [{ credits: { remaining: -1 } }, "credits", "Remaining credits"],
    [{ credits: { remaining: 1, refill: { amount: 1, interval: "DAILY", dayOfMonth: 2 } } }, "credits", "dayOfMonth"],
    [{ credits: { remaining: 1, refill: { amount: 1, interval: "MONTHLY", dayOfMonth: 32 } } }, "credits", "1 to 31"],
  ])("create refuses %j", async (input, field, message) => {
    const payload = await createWith(input);
    expectError(payload, "VALIDATION", field);
    expect(payload.message).toContain(message);
  });

  it("update refuses a bad list and changes nothing", async () => {
    const org = await h.newOrganization();
    const key = await trafficKey(org, { ipAllowlist: ["10.0.0.0/8"] });
    const payload = await updateKeyAs(org, key.apiKey.id, { ipAllowlist: ["10.0.0.0/8", "10.0.0.0/40"] });
    expectError(payload, "VALIDATION", "ipAllowlist");
    expect((await verifyHttp(http.url, { key: key.secret, ip: "10.0.0.1" })).body.code).toBe("VALID");
  });
});

describe("verification requests with bad traffic input", () => {
  it("an unknown limit name is a 400 over HTTP and a GraphQL error, never a silent pass", async () => {
    const org = await h.newOrganization();
    const { secret } = await trafficKey(org, { rateLimits: [limit("requests", 10)] });
    const answer = await verifyHttp(http.url, { key: secret, ratelimits: [{ name: "reqeusts" }] });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ error: "bad_request" });
    expect(answer.body.message).toContain("Unknown rate limit: reqeusts");
    const gql = await h.anonymous.gql(trafficQuery, { input: { key: secret, ratelimits: [{ name: "reqeusts" }] } });
    expect(gql.errors?.[0]?.message).toContain("Unknown rate limit: reqeusts");
    expect(gql.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    // A key without any limit refuses names too.
    const plain = await trafficKey(org, {});
    expect((await verifyHttp(http.url, { key: plain.secret, ratelimits: [{ name: "requests" }] })).status).toBe(400);
  });

  it.each([
    [{ ratelimits: [{ name: "requests", cost: -1 }] }, "whole number from 0"],
    [{ ratelimits: [{ name: "requests", cost: 1.5 }] }, "whole number from 0"],
    [{ ratelimits: [{ name: "requests" }, { name: "requests" }] }, "named twice"],
    [{ ratelimits: "requests" }, "`ratelimits` must be a list"],
    [{ ratelimits: [{ cost: 1 }] }, "`ratelimits` must be a list"],
    [{ credits: { cost: -2 } }, "The credit cost"],
    [{ credits: 3 }, "`credits` must be an object"],
    [{ ip: 10 }, "`ip` must be a string"],
  ])("POST /v1/keys/verify answers 400 to %j", async (input, message) => {
    const org = await h.newOrganization();
    const { secret } = await trafficKey(org, { rateLimits: [limit("requests", 10)], credits: { remaining: 5 } });
    const answer = await verifyHttp(http.url, { key: secret, ...input });
    expect(answer.status).toBe(400);
    expect(answer.body.message).toContain(message);
  });

  it("the failure limiter's RATE_LIMITED stays anonymous; the key's own limits never feed it", async () => {
    const org = await h.newOrganization();
    const { secret } = await trafficKey(org, { rateLimits: [limit("requests", 1)] });
    await verifyHttp(http.url, { key: secret });
    // Over the key's own limit many times: these are not probes, the address keeps its points.
    for (let i = 0; i < 120; i++) {
      const body = (await verifyHttp(http.url, { key: secret })).body;
      expect(body.ratelimit?.name, `call ${i}`).toBe("requests");
    }
    // Probing with made-up keys from the same address ends in the anonymous RATE_LIMITED.
    let last: Record<string, unknown> = {};
    for (let i = 0; i < 110; i++) last = (await verifyHttp(http.url, { key: "tsr_nope" })).body;
    expect(last).toMatchObject({ code: "RATE_LIMITED", ratelimit: null, ratelimits: [], keyId: null });
  });
});
