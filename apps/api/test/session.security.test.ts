import { hashSessionToken } from "@tessera/core";
import { describe, expect, it } from "vitest";
import { createLogger } from "../src/log.ts";
import { createApp } from "../src/server.ts";
import { testPassword, useHarness } from "./support/harness.ts";

const h = useHarness();

const signIn = `mutation($input: SignInInput!) { signIn(input: $input) { __typename } }`;

describe("session secrets", () => {
  it("stores only the hash of the session token, never the password", async () => {
    const { users } = await h.newOrganization();
    const result = await h.anonymous.gql(signIn, { input: { email: users.OWNER.email, password: testPassword } });
    const token = /tessera_session=([^;]+)/.exec(result.headers.get("set-cookie") ?? "")?.[1] ?? "";
    expect(token).toMatch(/^tss_[0-9A-Za-z]{43}$/);
    const session = await h.db.prisma.session.findUnique({ where: { tokenHash: hashSessionToken(token) } });
    expect(session?.userId).toBe(users.OWNER.id);
    const dump =
      JSON.stringify(await h.db.prisma.$queryRaw`SELECT * FROM "Session"`) +
      JSON.stringify(await h.db.prisma.$queryRaw`SELECT * FROM "User"`) +
      JSON.stringify(await h.db.prisma.$queryRaw`SELECT * FROM "AuditEvent"`);
    expect(dump).not.toContain(token);
    expect(dump).not.toContain(testPassword);
  });

  it("writes neither passwords, session tokens nor API keys to the logs, even at debug level", async () => {
    const { users, keyClient } = await h.newOrganization();
    const { secret } = await keyClient();
    const lines: string[] = [];
    const app = createApp({ prisma: h.db.prisma, logger: createLogger("debug", (l) => lines.push(l)) });
    const call = (body: unknown, headers: Record<string, string> = {}) =>
      app.yoga.fetch("http://tessera.test/graphql", {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body: JSON.stringify(body),
      });
    const response = await call({
      query: signIn,
      variables: { input: { email: users.OWNER.email, password: testPassword } },
    });
    const token = /tessera_session=([^;]+)/.exec(response.headers.get("set-cookie") ?? "")?.[1] ?? "";
    await call({ query: "{ viewer { user { id } } }" }, { cookie: `tessera_session=${token}` });
    await call({ query: "{ viewer { apiKey { id } } }" }, { authorization: `Bearer ${secret}` });
    await call({ query: "{ viewer { apiKey { id } } }" }, { authorization: `Bearer ${secret.slice(0, -2)}zz` });
    const log = lines.join("\n");
    expect(lines.length).toBeGreaterThan(0);
    expect(log).not.toContain(testPassword);
    expect(log).not.toContain(token);
    expect(log).not.toContain(secret.slice(4, 36));
  });

  it("a session expires: after its end the cookie reads as anonymous", async () => {
    const { as } = await h.newOrganization();
    expect((await as.ADMIN.gql("{ viewer { user { id } } }")).data?.viewer.user).not.toBeNull();
    h.clock.advance(2 * 86_400_000);
    try {
      expect((await as.ADMIN.gql("{ viewer { user { id } } }")).data?.viewer.user).toBeNull();
    } finally {
      h.clock.advance(-2 * 86_400_000);
    }
  });
});
