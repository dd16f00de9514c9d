import { describe, expect, it } from "vitest";
import { updateAccount } from "../accounts/documents.ts";
import { useHarness } from "../support/harness.ts";
import { useHttpServer } from "./support.ts";
import {
  accountWithLimits,
  limit,
  type TrafficAnswer,
  trafficKey,
  trafficQuery,
  updateKeyAs,
  verifyHttp,
} from "./traffic-support.ts";

const h = useHarness();
const http = useHttpServer(() => h.app);

async function verifyGql(input: Record<string, unknown>): Promise<TrafficAnswer> {
  const result = await h.anonymous.gql(trafficQuery, { input });
  if (!result.data) throw new Error(JSON.stringify(result.errors));
  return result.data.verifyApiKey;
}

/** Both doors, one after the other (each call counts: limits and credits see both). */
const doors = {
  http: async (input: Record<string, unknown>) => (await verifyHttp(http.url, input)).body,
  graphql: verifyGql,
};

describe("IP allowlist", () => {
  it.each(Object.entries(doors))("admits addresses inside the list and refuses the rest (%s)", async (_, verify) => {
    const org = await h.newOrganization();
    const { secret } = await trafficKey(org, { ipAllowlist: ["10.0.0.0/8", "2001:db8::/32", "192.0.2.1"] });
    for (const ip of ["10.1.2.3", "::ffff:10.9.9.9", "2001:db8::42", "192.0.2.1"]) {
      expect((await verify({ key: secret, ip })).code, ip).toBe("VALID");
    }
    for (const ip of ["11.0.0.1", "192.0.2.2", "2001:db9::1", "010.1.2.3", "not-an-ip", ""]) {
      expect((await verify({ key: secret, ip })).code, ip).toBe("IP_NOT_ALLOWED");
    }
    expect((await verify({ key: secret })).code).toBe("IP_NOT_ALLOWED");
  });

  it("stores the list normalized and checks it after resources, before origin and user agent", async () => {
    const org = await h.newOrganization();
    const key = await trafficKey(org, {
      scopes: ["vehicles:read"],
      origins: ["example.com"],
      ipAllowlist: ["10.1.2.3/8", "::ffff:192.0.2.1"],
    });
    const read = await org.as.OWNER.gql(`query K($id: ID!) { node(id: $id) { ... on ApiKey { ipAllowlist } } }`, {
      id: key.apiKey.id,
    });
    expect(read.data?.node.ipAllowlist).toEqual(["10.0.0.0/8", "192.0.2.1"]);
    const bad = { key: key.secret, scope: "routes:write", ip: "11.0.0.1", origin: "https://evil.test" };
    expect((await verifyGql(bad)).code).toBe("INSUFFICIENT_SCOPE");
    expect((await verifyGql({ ...bad, scope: "vehicles:read" })).code).toBe("IP_NOT_ALLOWED");
    expect((await verifyGql({ ...bad, scope: "vehicles:read", ip: "10.0.0.1" })).code).toBe("ORIGIN_NOT_ALLOWED");
  });

  it("an edit takes effect at the next verification", async () => {
    const org = await h.newOrganization();
    const key = await trafficKey(org, {});
    expect((await verifyGql({ key: key.secret, ip: "11.0.0.1" })).code).toBe("VALID");
    expect((await updateKeyAs(org, key.apiKey.id, { ipAllowlist: ["10.0.0.0/8"] })).__typename).toBe(
      "UpdateApiKeyPayload",
    );
    expect((await verifyGql({ key: key.secret, ip: "11.0.0.1" })).code).toBe("IP_NOT_ALLOWED");
    await updateKeyAs(org, key.apiKey.id, { ipAllowlist: [] });
    expect((await verifyGql({ key: key.secret, ip: "11.0.0.1" })).code).toBe("VALID");
  });
});

describe("named rate limits", () => {
  it("charges auto-applied limits, names the exhausted one and sends the IETF fields", async () => {
    const org = await h.newOrganization();
    const { secret, apiKey } = await trafficKey(org, { rateLimits: [limit("requests", 3, 60)] });
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push(await verifyHttp(http.url, { key: secret }));
    // The whole answer, as for any valid key, plus what was charged.
    expect(answers[0]?.body).toMatchObject({
      valid: true,
      code: "VALID",
      keyId: apiKey.id,
      apiVersion: "v2",
      ratelimit: null,
      creditsRemaining: null,
      degraded: false,
    });
    expect(answers.map((a) => a.body.code)).toEqual(["VALID", "VALID", "VALID"]);
    expect(answers.map((a) => a.body.ratelimits[0]?.remaining)).toEqual([2, 1, 0]);
    expect(answers[0]?.policy).toBe('"requests";q=3;w=60');
    expect(answers[0]?.state).toMatch(/^"requests";r=2;t=(59|60)$/);
    const refused = await verifyHttp(http.url, { key: secret });
    expect(refused.body).toMatchObject({ valid: false, code: "RATE_LIMITED", keyId: null });
    expect(refused.body.ratelimit).toMatchObject({ name: "requests", limit: 3, remaining: 0 });
    expect(new Date(refused.body.ratelimit?.resetAt ?? 0).getTime()).toBeGreaterThan(Date.now());
    expect(refused.state).toMatch(/^"requests";r=0;t=\d+$/);
    // The GraphQL door shares the same counter.
    expect((await verifyGql({ key: secret })).ratelimit?.name).toBe("requests");
  });

  it("charges a limit without autoApply only when named, with its cost; cost 0 checks without taking", async () => {
    const org = await h.newOrganization();
    const { secret } = await trafficKey(org, {
      rateLimits: [limit("requests", 100, 60), limit("exports", 5, 3600, false)],
    });
    const plain = await verifyGql({ key: secret });
    expect(plain.ratelimits.map((l) => l.name)).toEqual(["requests"]);
    const charged = await verifyGql({ key: secret, ratelimits: [{ name: "exports", cost: 4 }] });
    expect(charged.ratelimits).toMatchObject([
      { name: "requests", remaining: 98 },
      { name: "exports", limit: 5, remaining: 1 },
    ]);
    const check = await verifyHttp(http.url, { key: secret, ratelimits: [{ name: "exports", cost: 0 }] });
    expect(check.body.ratelimits[1]).toMatchObject({ name: "exports", remaining: 1 });
    expect(check.policy).toBe('"requests";q=100;w=60, "exports";q=5;w=3600');
    const tooMuch = await verifyGql({ key: secret, ratelimits: [{ name: "exports", cost: 2 }] });
    expect(tooMuch).toMatchObject({ code: "RATE_LIMITED", ratelimit: { name: "exports", remaining: 0 } });
    // The refusal took nothing from either limit.
    expect((await verifyGql({ key: secret, ratelimits: [{ name: "exports" }] })).ratelimits).toMatchObject([
      { name: "requests", remaining: 96 },
      { name: "exports", remaining: 0 },
    ]);
  });

  it("a request refused by an earlier check consumes no point", async () => {
    const org = await h.newOrganization();
    const { secret } = await trafficKey(org, { origins: ["example.com"], rateLimits: [limit("requests", 1)] });
    for (let i = 0; i < 5; i++) {
      expect((await verifyGql({ key: secret, origin: "https://evil.test" })).code).toBe("ORIGIN_NOT_ALLOWED");
    }
    const valid = await verifyGql({ key: secret, origin: "https://example.com" });
    expect(valid).toMatchObject({ code: "VALID", ratelimits: [{ name: "requests", remaining: 0 }] });
  });

  it("a customer account's limits are one pool for every key used with its token", async () => {
    const org = await h.newOrganization();
    const account = await accountWithLimits(org, [limit("shared", 2)]);
    const a = await trafficKey(org, {});
    const b = await trafficKey(org, {});
    const withToken = (secret: string) => verifyGql({ key: secret, accountToken: account.token });
    expect((await withToken(a.secret)).ratelimits).toMatchObject([{ name: "shared", remaining: 1 }]);
    expect((await withToken(b.secret)).ratelimits).toMatchObject([{ name: "shared", remaining: 0 }]);
    expect((await withToken(a.secret)).ratelimit).toMatchObject({ name: "shared", remaining: 0 });
    // Without the token the account's pool is not involved.
    expect((await verifyGql({ key: a.secret })).code).toBe("VALID");
    const read = await org.as.OWNER.gql(
      `query A($id: ID!) { node(id: $id) { ... on CustomerAccount { rateLimits { name limit durationMs autoApply } } } }`,
      { id: account.id },
    );
    expect(read.data?.node.rateLimits).toEqual([limit("shared", 2)]);
  });
});

describe("usage credits", () => {
  it("each VALID verification spends its cost; at zero USAGE_EXCEEDED and nothing spent", async () => {
    const org = await h.newOrganization();
    const { secret, apiKey } = await trafficKey(org, { credits: { remaining: 3 } });
    expect((await verifyGql({ key: secret })).creditsRemaining).toBe(2);
    expect((await verifyHttp(http.url, { key: secret, credits: { cost: 0 } })).body.creditsRemaining).toBe(2);
    const two = await verifyGql({ key: secret, credits: { cost: 3 } });
    expect(two).toMatchObject({ code: "USAGE_EXCEEDED", valid: false, keyId: null, creditsRemaining: 2 });
    expect((await verifyGql({ key: secret, credits: { cost: 2 } })).creditsRemaining).toBe(0);
    for (const cost of [1, 0]) {
      expect(await verifyGql({ key: secret, credits: { cost } })).toMatchObject({
        code: "USAGE_EXCEEDED",
        creditsRemaining: 0,
      });
    }
    const read = await org.as.OWNER.gql(
      `query K($id: ID!) { node(id: $id) { ... on ApiKey { credits { remaining refill { amount } } } } }`,
      { id: apiKey.id },
    );
    expect(read.data?.node.credits).toEqual({ remaining: 0, refill: null });
  });

  it("a key without credits answers creditsRemaining null and has no credits row to write", async () => {
    const org = await h.newOrganization();
    const { secret, id } = await trafficKey(org, {});
    expect(await verifyGql({ key: secret })).toMatchObject({ code: "VALID", creditsRemaining: null, ratelimits: [] });
    expect(await h.db.prisma.apiKeyCredits.count({ where: { apiKeyId: id } })).toBe(0);
  });

  it("a refill SETS remaining to the amount once per period, lazily", async () => {
    const org = await h.newOrganization();
    const { secret } = await trafficKey(org, {
      credits: { remaining: 1, refill: { amount: 5, interval: "DAILY" } },
    });
    expect((await verifyGql({ key: secret })).creditsRemaining).toBe(0);
    expect((await verifyGql({ key: secret })).code).toBe("USAGE_EXCEEDED");
    h.clock.advance(86_400_000);
    try {
      expect((await verifyGql({ key: secret })).creditsRemaining).toBe(4);
      expect((await verifyGql({ key: secret })).creditsRemaining).toBe(3);
    } finally {
      h.clock.advance(-86_400_000);
    }
  });

  it("partners set remaining through updateApiKey (audited), effective at once; the event fires once per period", async () => {
    const org = await h.newOrganization();
    await h.db.prisma.webhookEndpoint.create({
      data: {
        organizationId: org.org.id,
        url: "https://hooks.example.test/tessera",
        events: ["api_key.credits_exhausted"],
        secret: "whsec_test",
        createdAt: new Date(),
        updatedAt: new Date(),
      },
    });
    const { secret, apiKey, id } = await trafficKey(org, { credits: { remaining: 1 } });
    expect((await verifyGql({ key: secret })).creditsRemaining).toBe(0);
    for (let i = 0; i < 3; i++) expect((await verifyGql({ key: secret })).code).toBe("USAGE_EXCEEDED");
    const exhausted = () =>
      h.db.prisma.outboxMessage.count({
        where: { organizationId: org.org.id, eventType: "api_key.credits_exhausted" },
      });
    await expect.poll(exhausted).toBe(1);
    const updated = await updateKeyAs(org, apiKey.id, { credits: { remaining: 2 } });
    expect(updated.__typename).toBe("UpdateApiKeyPayload");
    expect((await verifyGql({ key: secret })).creditsRemaining).toBe(1);
    const audit = await h.db.prisma.auditEvent.findFirst({
      where: { targetId: id, action: "api_key.updated" },
      orderBy: { createdAt: "desc" },
    });
    expect(audit?.changes).toMatchObject({ credits: { from: { remaining: 0 }, to: { remaining: 2 } } });
    // Set again: the next exhaustion is reported again.
    expect((await verifyGql({ key: secret })).creditsRemaining).toBe(0);
    await expect.poll(exhausted).toBe(2);
    // Removing the credits makes usage unlimited.
    await updateKeyAs(org, apiKey.id, { credits: null });
    expect(await verifyGql({ key: secret })).toMatchObject({ code: "VALID", creditsRemaining: null });
  });

  it("re-sending the same limits is no change: the audit names only what changed, for keys and accounts", async () => {
    const org = await h.newOrganization();
    // PostgreSQL's jsonb keeps these objects' keys in its own order; that is not a change either.
    const limits = [limit("requests", 100), limit("bulk_export", 2, 3600, false)];
    const { apiKey, id } = await trafficKey(org, { rateLimits: limits, credits: { remaining: 5 } });
    expect((await updateKeyAs(org, apiKey.id, { rateLimits: limits, credits: { remaining: 3 } })).__typename).toBe(
      "UpdateApiKeyPayload",
    );
    const audit = await h.db.prisma.auditEvent.findFirst({ where: { targetId: id, action: "api_key.updated" } });
    expect(Object.keys(audit?.changes as object)).toEqual(["credits"]);

    const account = await accountWithLimits(org, limits);
    const accountUpdates = () =>
      h.db.prisma.auditEvent.count({ where: { organizationId: org.org.id, action: "customer_account.updated" } });
    expect(await accountUpdates()).toBe(1);
    await org.as.OWNER.gql(updateAccount, { input: { id: account.id, rateLimits: limits } });
    expect(await accountUpdates()).toBe(1);
  });

  it("out of credits gives the rate-limit points back", async () => {
    const org = await h.newOrganization();
    const { secret, apiKey } = await trafficKey(org, { rateLimits: [limit("requests", 2)], credits: { remaining: 1 } });
    expect((await verifyGql({ key: secret })).ratelimits[0]?.remaining).toBe(1);
    for (let i = 0; i < 3; i++) expect((await verifyGql({ key: secret })).code).toBe("USAGE_EXCEEDED");
    await updateKeyAs(org, apiKey.id, { credits: { remaining: 5 } });
    expect(await verifyGql({ key: secret })).toMatchObject({
      code: "VALID",
      creditsRemaining: 4,
      ratelimits: [{ name: "requests", remaining: 0 }],
    });
  });

  it("counts the new outcomes in the key's usage", async () => {
    const org = await h.newOrganization();
    const { secret, id } = await trafficKey(org, {
      rateLimits: [limit("requests", 1)],
      credits: { remaining: 0 },
      ipAllowlist: ["10.0.0.0/8"],
    });
    await verifyGql({ key: secret, ip: "11.0.0.1" });
    await verifyGql({ key: secret, ip: "10.0.0.1" });
    await verifyGql({ key: secret, ip: "10.0.0.1" });
    await h.app.verification.usage.flush();
    const rows = await h.db.prisma.apiKeyUsage.findMany({
      where: { apiKeyId: id },
      select: { code: true, count: true },
    });
    expect(Object.fromEntries(rows.map((r) => [r.code, r.count]))).toEqual({
      IP_NOT_ALLOWED: 1,
      USAGE_EXCEEDED: 2,
    });
  });
});
