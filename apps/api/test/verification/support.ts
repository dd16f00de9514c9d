import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll } from "vitest";
import type { App } from "../../src/server.ts";
import { testSourceAddress } from "../support/harness.ts";

export const verifyQuery = `query Verify($input: VerifyApiKeyInput!) {
  verifyApiKey(input: $input) {
    valid code keyId organizationId customerAccountId role apiVersion scopes expiresAt
    ratelimit { name limit remaining resetAt } ratelimits { name limit remaining resetAt } creditsRemaining degraded
  }
}`;

export type VerifyAnswer = {
  valid: boolean;
  code: string;
  keyId: string | null;
  organizationId: string | null;
  customerAccountId: string | null;
  role: string | null;
  apiVersion: string | null;
  scopes: string[] | null;
  expiresAt: string | null;
  ratelimit: { name: string; limit: number; remaining: number; resetAt: string } | null;
  ratelimits: { name: string; limit: number; remaining: number; resetAt: string }[];
  creditsRemaining: number | null;
  degraded: boolean;
};

/** The app served on a free port, for the HTTP door (it is node:http, not yoga: no in-process fetch). */
export function useHttpServer(app: () => App) {
  const state = { url: "", server: null as Server | null };
  beforeAll(async () => {
    const server = createServer((req, res) => void app().handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    state.server = server;
    state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    state.server?.closeAllConnections();
    await new Promise((resolve) => state.server?.close(resolve));
  });
  return state;
}

export async function verifyOverHttp(baseUrl: string, input: Record<string, unknown>): Promise<VerifyAnswer> {
  const response = await fetch(`${baseUrl}/v1/keys/verify`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(input),
  });
  if (response.status !== 200) throw new Error(`HTTP ${response.status}: ${await response.text()}`);
  return (await response.json()) as VerifyAnswer;
}

export async function verifyOverGraphQL(
  app: App,
  input: Record<string, unknown>,
  sourceAddress = testSourceAddress,
): Promise<VerifyAnswer> {
  const response = await app.yoga.fetch(
    "http://tessera.test/graphql",
    {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: verifyQuery, variables: { input } }),
    },
    { sourceAddress },
  );
  const body = (await response.json()) as { data?: { verifyApiKey: VerifyAnswer }; errors?: unknown };
  if (!body.data) throw new Error(`GraphQL: ${JSON.stringify(body.errors)}`);
  return body.data.verifyApiKey;
}
