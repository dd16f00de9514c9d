import { describe, expect, it } from "vitest";
import { useHarness } from "../support/harness.ts";
import { accountWithLimits, limit, trafficKey, trafficQuery, updateKeyAs } from "./traffic-support.ts";

const h = useHarness();
const whoAmI = "{ viewer { apiKey { id } } }";

async function verify(input: Record<string, unknown>) {
  const result = await h.anonymous.gql(trafficQuery, { input });
  return result.data?.verifyApiKey;
}

describe("traffic control cannot be walked around", () => {
  it("a key's IP allowlist holds for its own Bearer calls (in-process calls come from 203.0.113.7)", async () => {
    const org = await h.newOrganization();
    const outside = await trafficKey(org, { ipAllowlist: ["10.0.0.0/8"] });
    const refused = await h.client({ authorization: `Bearer ${outside.secret}` }).gql(whoAmI);
    expect(refused.status).toBe(401);
    expect(refused.errors?.[0]?.message).toContain("may not be used from this address");
    const inside = await trafficKey(org, { ipAllowlist: ["203.0.113.0/24"] });
    const allowed = await h.client({ authorization: `Bearer ${inside.secret}` }).gql(whoAmI);
    expect(allowed.data?.viewer.apiKey.id).toBe(inside.apiKey.id);
  });

  it("another organization's account token never charges (nor reveals) that account's pool", async () => {
    const org = await h.newOrganization();
    const other = await h.newOrganization();
    const theirs = await accountWithLimits(other, [limit("shared", 1)]);
    const mine = await trafficKey(org, {});
    for (let i = 0; i < 3; i++) {
      expect(await verify({ key: mine.secret, accountToken: theirs.token })).toMatchObject({
        code: "ACCOUNT_MISMATCH",
        ratelimit: null,
        ratelimits: [],
      });
    }
    const theirKey = await trafficKey(other, {});
    expect((await verify({ key: theirKey.secret, accountToken: theirs.token }))?.ratelimits).toMatchObject([
      { name: "shared", remaining: 0 },
    ]);
  });

  it("refused keys spend no credit and say nothing about the key's limits or credits", async () => {
    const org = await h.newOrganization();
    const key = await trafficKey(org, {
      credits: { remaining: 1 },
      rateLimits: [limit("requests", 1)],
      scopes: ["vehicles:read"],
    });
    const refused = await verify({ key: key.secret, scope: "routes:write" });
    expect(refused).toEqual({
      valid: false,
      code: "INSUFFICIENT_SCOPE",
      keyId: null,
      creditsRemaining: null,
      degraded: false,
      ratelimit: null,
      ratelimits: [],
    });
    expect((await verify({ key: key.secret }))?.creditsRemaining).toBe(0);
  });

  it("only members who may write keys set credits; editors and viewers change nothing", async () => {
    const org = await h.newOrganization();
    const key = await trafficKey(org, { credits: { remaining: 1 } });
    for (const role of ["EDITOR", "VIEWER"] as const) {
      const result = await org.as[role].gql(
        `mutation U($input: UpdateApiKeyInput!) { updateApiKey(input: $input) { __typename ... on Error { code } } }`,
        { input: { id: key.apiKey.id, credits: { remaining: 1_000_000 } } },
      );
      expect(result.data?.updateApiKey.code, role).toBe("FORBIDDEN");
    }
    expect((await verify({ key: key.secret }))?.creditsRemaining).toBe(0);
  });

  it("another organization's owner cannot set this key's credits or limits", async () => {
    const org = await h.newOrganization();
    const other = await h.newOrganization();
    const key = await trafficKey(org, { credits: { remaining: 1 } });
    const result = await updateKeyAs(other, key.apiKey.id, { credits: { remaining: 99 }, rateLimits: [] });
    expect(result.code).toBe("NOT_FOUND");
    expect((await verify({ key: key.secret }))?.creditsRemaining).toBe(0);
  });
});
