import { createAccountAs, updateAccount } from "../accounts/documents.ts";
import { createKey, updateMutation } from "../api-keys/support.ts";
import type { OrgFixture } from "../support/harness.ts";

/** The answer's traffic fields on both doors. */
export const trafficQuery = `query Verify($input: VerifyApiKeyInput!) {
  verifyApiKey(input: $input) {
    valid code keyId creditsRemaining degraded
    ratelimit { name limit remaining resetAt }
    ratelimits { name limit remaining resetAt }
  }
}`;

export type TrafficAnswer = {
  valid: boolean;
  code: string;
  keyId: string | null;
  creditsRemaining: number | null;
  degraded: boolean;
  ratelimit: { name: string; limit: number; remaining: number; resetAt: string } | null;
  ratelimits: { name: string; limit: number; remaining: number; resetAt: string }[];
};

/** POST /v1/keys/verify, returning the status, the answer and the RateLimit fields. */
export async function verifyHttp(baseUrl: string, input: Record<string, unknown>) {
  const response = await fetch(`${baseUrl}/v1/keys/verify`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(input),
  });
  return {
    status: response.status,
    body: (await response.json()) as TrafficAnswer & { error?: string; message?: string },
    policy: response.headers.get("ratelimit-policy"),
    state: response.headers.get("ratelimit"),
  };
}

export const limit = (name: string, n: number, seconds = 60, autoApply = true) => ({
  name,
  limit: n,
  durationMs: seconds * 1000,
  autoApply,
});

/** A key with these traffic controls, created through the API. */
export function trafficKey(org: OrgFixture, input: Record<string, unknown>) {
  return createKey(org, { name: `traffic-${crypto.randomUUID().slice(0, 8)}`, ...input });
}

/** Sets fields of a key through updateApiKey as the owner; returns the payload. */
export async function updateKeyAs(org: OrgFixture, id: string, input: Record<string, unknown>) {
  const result = await org.as.OWNER.gql(updateMutation, { input: { id, ...input } });
  return result.data?.updateApiKey;
}

/** A customer account with shared limits. */
export async function accountWithLimits(org: OrgFixture, rateLimits: unknown[]) {
  const account = await createAccountAs(org.as.OWNER, org.org.id, `Limited ${crypto.randomUUID().slice(0, 6)}`);
  await org.as.OWNER.gql(updateAccount, { input: { id: account.id, rateLimits } });
  return account;
}
