import { randomBytes } from "node:crypto";
import { type Database, openDatabase } from "@tessera/db";
import { afterAll, describe, expect, it } from "vitest";
import { silentLogger } from "../src/log.ts";
import { type AppOptions, createApp } from "../src/server.ts";
import { testPassword, useHarness } from "./support/harness.ts";
import { databaseUrl } from "./support/postgres-urls.ts";

const h = useHarness();

const signInMutation = `mutation($input: SignInInput!) {
  signIn(input: $input) {
    __typename
    ... on Error { code message }
    ... on SignInThrottledError { retryAfter }
  }
}`;
const auditQuery = `query($slug: String!) {
  organization(slug: $slug) {
    auditEvents(filter: { actions: [MEMBER_SIGN_IN_FAILED, MEMBER_SIGN_IN_THROTTLED] }) {
      totalCount
      nodes { action actorLabel targetLabel sourceAddress changes { field from to } }
    }
  }
}`;
const wrongPassword = "Tr0ub4dor&3-not-it";
const userAgent = "attacker-bot/1.0";

type SignInAnswer = { __typename: string; code?: string; message?: string; retryAfter?: string };

const opened: { app: ReturnType<typeof createApp>; db?: Database }[] = [];
afterAll(async () => {
  for (const { app, db } of opened) {
    await app.close();
    await db?.close();
  }
});

/** Another instance of Tessera over the same database (on PostgreSQL: its own connection pool). */
async function instance(options: Partial<AppOptions> = {}) {
  const db =
    process.env.TEST_DB === "postgres" ? await openDatabase({ databaseUrl: databaseUrl(h.db.name) }) : undefined;
  const app = createApp({ prisma: db?.prisma ?? h.db.prisma, logger: silentLogger, ...options });
  opened.push({ app, db });
  return async (email: string, password: string, address: string) => {
    const response = await app.yoga.fetch(
      "http://tessera.test/graphql",
      {
        method: "POST",
        headers: { "content-type": "application/json", "user-agent": userAgent },
        body: JSON.stringify({ query: signInMutation, variables: { input: { email, password } } }),
      },
      { sourceAddress: address },
    );
    const body = (await response.json()) as { data: { signIn: SignInAnswer } };
    return { ...body.data.signIn, cookie: response.headers.get("set-cookie") };
  };
}

/** A fresh address per test, so the per-address counters of other tests do not interfere. */
const newAddress = () => `198.51.100.${randomBytes(1)[0]}-${randomBytes(3).toString("hex")}`;

describe("sign-in throttling", () => {
  it("after 5 attempts from one address the account is locked for that address, even with the right password", async () => {
    const { users } = await h.newOrganization();
    const signIn = await instance();
    const address = newAddress();
    for (let i = 0; i < 5; i++) {
      expect((await signIn(users.ADMIN.email, wrongPassword, address)).__typename).toBe("UnauthenticatedError");
    }
    const refused = await signIn(users.ADMIN.email, testPassword, address);
    expect(refused).toMatchObject({
      __typename: "SignInThrottledError",
      code: "THROTTLED",
      message: "Too many sign-in attempts. Try again in 15 minutes.",
      cookie: null,
    });
    const wait = new Date(refused.retryAfter ?? "").getTime() - Date.now();
    expect(wait).toBeGreaterThan(14 * 60_000);
    expect(wait).toBeLessThanOrEqual(15 * 60_000);

    // The attacker's address is locked out; the member, elsewhere, is not.
    const elsewhere = await signIn(users.ADMIN.email, testPassword, newAddress());
    expect(elsewhere.__typename).toBe("SignInPayload");
  });

  it("answers the same for an unknown email: no way to learn which accounts exist", async () => {
    const signIn = await instance();
    const address = newAddress();
    const unknown = `nobody-${randomBytes(4).toString("hex")}@example.test`;
    const answers = [];
    for (let i = 0; i < 6; i++) answers.push(await signIn(unknown, wrongPassword, address));
    expect(answers.slice(0, 5).map((a) => a.__typename)).toEqual(Array(5).fill("UnauthenticatedError"));
    expect(answers[5]).toMatchObject({
      __typename: "SignInThrottledError",
      message: "Too many sign-in attempts. Try again in 15 minutes.",
    });
  });

  it("records failed and throttled attempts for owners and admins, with address and user agent, never the password", async () => {
    const { users, org, as } = await h.newOrganization();
    const signIn = await instance();
    const address = newAddress();
    for (let i = 0; i < 7; i++) await signIn(users.EDITOR.email, `${wrongPassword}${i}`, address);

    const log = await as.ADMIN.gql(auditQuery, { slug: org.slug });
    const events = log.data?.organization.auditEvents;
    // 5 failures; the 6th attempt crossed the limit (recorded once), the 7th is only logged.
    expect(events.totalCount).toBe(6);
    expect(events.nodes.map((e: { action: string }) => e.action).sort()).toEqual([
      ...Array(5).fill("MEMBER_SIGN_IN_FAILED"),
      "MEMBER_SIGN_IN_THROTTLED",
    ]);
    for (const event of events.nodes) {
      expect(event).toMatchObject({
        targetLabel: users.EDITOR.email,
        actorLabel: `${users.EDITOR.email} (unverified)`,
        sourceAddress: address,
        changes: expect.arrayContaining([{ field: "userAgent", from: null, to: userAgent }]),
      });
    }
    expect(JSON.stringify(await h.db.prisma.auditEvent.findMany())).not.toContain(wrongPassword);
    expect(JSON.stringify(await h.db.prisma.signInThrottle.findMany())).not.toContain(users.EDITOR.email);

    // An editor may not read who tried to sign in as whom.
    const forbidden = await as.EDITOR.gql(auditQuery, { slug: org.slug });
    expect(forbidden.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });

  it("counts attempts before checking the password: 20 parallel guesses reach the password check at most 5 times", async () => {
    const { users, org } = await h.newOrganization();
    const signIn = await instance();
    const address = newAddress();
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => signIn(users.VIEWER.email, `${wrongPassword}${i}`, address)),
    );
    const checked = answers.filter((a) => a.__typename === "UnauthenticatedError").length;
    expect(checked).toBeLessThanOrEqual(5);
    expect(answers.filter((a) => a.__typename === "SignInThrottledError").length).toBe(20 - checked);
    const failures = await h.db.prisma.auditEvent.count({
      where: { organizationId: org.id, action: "member.sign_in_failed" },
    });
    expect(failures).toBe(checked);
  });

  it("two instances on one database share the counters", async () => {
    const { users } = await h.newOrganization();
    const first = await instance();
    const second = await instance();
    const address = newAddress();
    for (let i = 0; i < 5; i++) await (i % 2 ? second : first)(users.OWNER.email, wrongPassword, address);
    expect((await second(users.OWNER.email, testPassword, address)).__typename).toBe("SignInThrottledError");
    expect((await first(users.OWNER.email, testPassword, address)).__typename).toBe("SignInThrottledError");
  });

  it("after the lock the right password works again; the next lock lasts twice as long", async () => {
    const { users } = await h.newOrganization();
    // rate-limiter-flexible keeps real time, so this test uses a 2-second window and waits it out.
    const signIn = await instance({ signInThrottle: { windowSeconds: 2 } });
    const address = newAddress();
    const failFiveTimes = () =>
      Promise.all(Array.from({ length: 5 }, () => signIn(users.ADMIN.email, wrongPassword, address)));
    await failFiveTimes();
    expect((await signIn(users.ADMIN.email, testPassword, address)).__typename).toBe("SignInThrottledError");
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    expect((await signIn(users.ADMIN.email, testPassword, address)).__typename).toBe("SignInPayload");

    await failFiveTimes();
    const second = await signIn(users.ADMIN.email, testPassword, address);
    expect(second.__typename).toBe("SignInThrottledError");
    expect(new Date(second.retryAfter ?? "").getTime() - Date.now()).toBeGreaterThan(3_000);
  });

  it("one address cannot lock the member out everywhere by guessing past its own lock", async () => {
    const { users } = await h.newOrganization();
    const signIn = await instance({ signInThrottle: { accountAttempts: 8 } });
    const attacker = newAddress();
    for (let i = 0; i < 20; i++) await signIn(users.VIEWER.email, wrongPassword, attacker);
    // The attacker's 6 counted attempts (5, then the one that locked it) stay under the ceiling of 8.
    const member = await signIn(users.VIEWER.email, testPassword, newAddress());
    expect(member.__typename).toBe("SignInPayload");
  });

  it("limits one address spraying many accounts, and caps one account guessed from many addresses", async () => {
    const { users } = await h.newOrganization();
    const signIn = await instance({ signInThrottle: { addressAttempts: 3, accountAttempts: 4 } });
    const sprayer = newAddress();
    const emails = Object.values(users).map((u) => u.email);
    const spray = [];
    for (const email of emails) spray.push((await signIn(email, wrongPassword, sprayer)).__typename);
    expect(spray).toEqual([
      "UnauthenticatedError",
      "UnauthenticatedError",
      "UnauthenticatedError",
      "SignInThrottledError",
    ]);

    const distributed = [];
    for (let i = 0; i < 5; i++)
      distributed.push((await signIn(users.OWNER.email, wrongPassword, newAddress())).__typename);
    // The sprayer's attempt on the owner counted too: 3 more, then the account's ceiling.
    expect(distributed).toEqual([
      "UnauthenticatedError",
      "UnauthenticatedError",
      "UnauthenticatedError",
      "SignInThrottledError",
      "SignInThrottledError",
    ]);
  });
});
