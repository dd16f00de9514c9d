import { describe, expect, it } from "vitest";
import { sessionCookieName } from "../src/cookies.ts";
import { silentLogger } from "../src/log.ts";
import { createApp } from "../src/server.ts";
import { type Client, TestClock, testPassword, testSourceAddress, useHarness } from "./support/harness.ts";

const h = useHarness();

const sessionsQuery = "{ viewer { sessions { id createdAt lastSeenAt address userAgent current } } }";
const revoke = `mutation($id: ID!) {
  revokeSession(id: $id) { __typename ... on RevokeSessionPayload { revokedSessionId current } ... on Error { code message } }
}`;
const everywhere = `mutation {
  signOutEverywhere { __typename ... on SignOutEverywherePayload { endedSessions } ... on Error { code message } }
}`;
const changePassword = `mutation($input: ChangePasswordInput!) {
  changePassword(input: $input) {
    __typename
    ... on ChangePasswordPayload { endedSessions }
    ... on Error { code message }
    ... on ValidationError { field }
  }
}`;
const signIn = `mutation($input: SignInInput!) { signIn(input: $input) { __typename } }`;
const whoAmI = "{ viewer { user { email } } }";

/** Signs in through the API (a real session with address and user agent) and returns its client. */
async function signedIn(email: string, userAgent = "Firefox/140", password = testPassword): Promise<Client> {
  const result = await h.client({ "user-agent": userAgent }).gql(signIn, { input: { email, password } });
  const cookie = (result.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  expect(cookie).toMatch(new RegExp(`^${sessionCookieName}=tss_`));
  return h.client({ cookie, "user-agent": userAgent });
}

async function isSignedIn(client: Client): Promise<boolean> {
  return (await client.gql(whoAmI)).data?.viewer.user !== null;
}

describe("viewer.sessions", () => {
  it("lists the member's own sessions with address, user agent and which one is current; nobody else's", async () => {
    const { users } = await h.newOrganization();
    const other = await h.newOrganization();
    const laptop = await signedIn(users.ADMIN.email, "Firefox/140");
    await signedIn(users.ADMIN.email, "Safari/18");
    await signedIn(other.users.ADMIN.email, "Chrome/130");

    const { data } = await laptop.gql(sessionsQuery);
    const sessions = data?.viewer.sessions;
    // The fixture's own session plus the two sign-ins.
    expect(sessions).toHaveLength(3);
    expect(sessions.filter((s: { current: boolean }) => s.current)).toEqual([
      expect.objectContaining({ address: testSourceAddress, userAgent: "Firefox/140" }),
    ]);
    expect(sessions.map((s: { userAgent: string }) => s.userAgent)).not.toContain("Chrome/130");
    expect((await h.anonymous.gql(sessionsQuery)).data?.viewer.sessions).toEqual([]);
  });

  it("gives a new session on every sign-in and ends the one the browser came with", async () => {
    const { users } = await h.newOrganization();
    const first = await signedIn(users.EDITOR.email);
    const again = await first.gql(signIn, { input: { email: users.EDITOR.email, password: testPassword } });
    const second = h.client({ cookie: (again.headers.get("set-cookie") ?? "").split(";")[0] ?? "" });
    expect(second.headers.cookie).not.toBe(first.headers.cookie);
    expect(await isSignedIn(first)).toBe(false);
    expect(await isSignedIn(second)).toBe(true);
  });
});

describe("revokeSession", () => {
  it("ends one of my other sessions, audited; the current one keeps working", async () => {
    const { users, org } = await h.newOrganization();
    const laptop = await signedIn(users.OWNER.email, "Firefox/140");
    const phone = await signedIn(users.OWNER.email, "Safari/18");
    const sessions = (await laptop.gql(sessionsQuery)).data?.viewer.sessions;
    const phoneSession = sessions.find((s: { userAgent: string }) => s.userAgent === "Safari/18");

    const result = await laptop.gql(revoke, { id: phoneSession.id });
    expect(result.data?.revokeSession).toEqual({
      __typename: "RevokeSessionPayload",
      revokedSessionId: phoneSession.id,
      current: false,
    });
    expect(await isSignedIn(phone)).toBe(false);
    expect(await isSignedIn(laptop)).toBe(true);
    const events = await h.db.prisma.auditEvent.findMany({
      where: { organizationId: org.id, action: "session.revoked" },
    });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      actorUserId: users.OWNER.id,
      targetType: "Session",
      sourceAddress: testSourceAddress,
    });
  });

  it("another member's session, in my organization or another, reads as not found and keeps working", async () => {
    const mine = await h.newOrganization();
    const theirs = await h.newOrganization();
    const colleague = await signedIn(mine.users.VIEWER.email);
    const stranger = await signedIn(theirs.users.OWNER.email);
    for (const victim of [colleague, stranger]) {
      const victimSession = (await victim.gql(sessionsQuery)).data?.viewer.sessions.find(
        (s: { current: boolean }) => s.current,
      );
      const result = await mine.as.OWNER.gql(revoke, { id: victimSession.id });
      expect(result.data?.revokeSession).toEqual({
        __typename: "NotFoundError",
        code: "NOT_FOUND",
        message: "Session not found.",
      });
      expect(await isSignedIn(victim)).toBe(true);
    }
    for (const id of [
      "not-an-id",
      "U2Vzc2lvbjp4",
      Buffer.from("ApiKey:00000000-0000-4000-8000-000000000000").toString("base64"),
    ]) {
      expect((await mine.as.OWNER.gql(revoke, { id })).data?.revokeSession.__typename).toBe("NotFoundError");
    }
  });

  it("refuses API keys and anonymous callers: sessions belong to members", async () => {
    const { keyClient } = await h.newOrganization();
    const { client } = await keyClient();
    for (const caller of [client, h.anonymous]) {
      expect((await caller.gql(everywhere)).data?.signOutEverywhere.__typename).toBe("UnauthenticatedError");
      expect((await caller.gql(revoke, { id: "x" })).data?.revokeSession.__typename).toBe("UnauthenticatedError");
      const change = await caller.gql(changePassword, {
        input: { currentPassword: testPassword, newPassword: "a new and long passphrase" },
      });
      expect(change.data?.changePassword.__typename).toBe("UnauthenticatedError");
    }
  });
});

describe("signOutEverywhere", () => {
  it("ends every session but the current one, touches nobody else's, and is audited with the count", async () => {
    const { users, org, as } = await h.newOrganization();
    const laptop = await signedIn(users.ADMIN.email);
    const phone = await signedIn(users.ADMIN.email, "Safari/18");
    const result = await laptop.gql(everywhere);
    // The phone and the fixture's session.
    expect(result.data?.signOutEverywhere).toEqual({ __typename: "SignOutEverywherePayload", endedSessions: 2 });
    expect(await isSignedIn(laptop)).toBe(true);
    expect(await isSignedIn(phone)).toBe(false);
    expect(await isSignedIn(as.ADMIN)).toBe(false);
    expect(await isSignedIn(as.OWNER)).toBe(true);
    const event = await h.db.prisma.auditEvent.findFirst({
      where: { organizationId: org.id, action: "member.signed_out_everywhere" },
    });
    expect(event).toMatchObject({ actorUserId: users.ADMIN.id, changes: { endedSessions: 2 } });
  });
});

describe("changePassword", () => {
  it("needs the current password and a sound new one; a refusal changes nothing", async () => {
    const { users, org } = await h.newOrganization();
    const laptop = await signedIn(users.EDITOR.email);
    const before = await h.db.prisma.user.findUniqueOrThrow({ where: { id: users.EDITOR.id } });
    const attempts: [string, string, string][] = [
      ["wrong current password", "a new and long passphrase", "UnauthenticatedError"],
      [testPassword, "short", "ValidationError"],
      [testPassword, "qwerty123456", "ValidationError"],
      [testPassword, "x".repeat(257), "ValidationError"],
      [testPassword, users.EDITOR.email, "ValidationError"],
    ];
    for (const [currentPassword, newPassword, expected] of attempts) {
      const result = await laptop.gql(changePassword, { input: { currentPassword, newPassword } });
      expect(result.data?.changePassword.__typename, newPassword).toBe(expected);
      if (expected === "ValidationError") expect(result.data?.changePassword.field).toBe("newPassword");
    }
    const after = await h.db.prisma.user.findUniqueOrThrow({ where: { id: users.EDITOR.id } });
    expect(after.passwordHash).toBe(before.passwordHash);
    expect(
      await h.db.prisma.auditEvent.count({ where: { organizationId: org.id, action: "member.password_changed" } }),
    ).toBe(0);
  });

  it("changes the password, ends every other session, and is audited", async () => {
    const { users, org } = await h.newOrganization();
    const laptop = await signedIn(users.VIEWER.email);
    const phone = await signedIn(users.VIEWER.email, "Safari/18");
    const newPassword = "a new and long passphrase";
    const result = await laptop.gql(changePassword, { input: { currentPassword: testPassword, newPassword } });
    expect(result.data?.changePassword).toEqual({ __typename: "ChangePasswordPayload", endedSessions: 2 });
    expect(await isSignedIn(laptop)).toBe(true);
    expect(await isSignedIn(phone)).toBe(false);
    const old = await h.anonymous.gql(signIn, { input: { email: users.VIEWER.email, password: testPassword } });
    expect(old.data?.signIn.__typename).toBe("UnauthenticatedError");
    expect(await isSignedIn(await signedIn(users.VIEWER.email, "Firefox/140", newPassword))).toBe(true);
    const event = await h.db.prisma.auditEvent.findFirst({
      where: { organizationId: org.id, action: "member.password_changed" },
    });
    expect(event).toMatchObject({ actorUserId: users.VIEWER.id, changes: { endedSessions: 2 } });
    expect(JSON.stringify(await h.db.prisma.auditEvent.findMany())).not.toContain(newPassword);
  });
});

describe("session lifetime", () => {
  it("an idle session ends after the idle timeout; last-seen is written in batches, not per request", async () => {
    const { users } = await h.newOrganization();
    const clock = new TestClock();
    const app = createApp({
      prisma: h.db.prisma,
      logger: silentLogger,
      clock,
      sessionPolicy: { idleMs: 10 * 60_000 },
      activityFlushMs: 3_600_000,
    });
    const cookie = (await signedIn(users.OWNER.email)).headers.cookie ?? "";
    const ask = async () => {
      const response = await app.yoga.fetch("http://tessera.test/graphql", {
        method: "POST",
        headers: { "content-type": "application/json", cookie },
        body: JSON.stringify({ query: whoAmI }),
      });
      return ((await response.json()) as { data: { viewer: { user: unknown } } }).data.viewer.user !== null;
    };
    const session = () =>
      h.db.prisma.session.findFirstOrThrow({ where: { userId: users.OWNER.id, userAgent: "Firefox/140" } });
    const signedInAt = (await session()).lastSeenAt;

    clock.advance(9 * 60_000);
    for (let i = 0; i < 5; i++) expect(await ask()).toBe(true);
    expect((await session()).lastSeenAt).toEqual(signedInAt); // nothing written yet
    expect(await app.security.activity.flush()).toBe(1); // one write for the five requests
    expect((await session()).lastSeenAt.getTime() - signedInAt.getTime()).toBeGreaterThanOrEqual(9 * 60_000);

    clock.advance(9 * 60_000);
    expect(await ask()).toBe(true); // 9 minutes after the last use: still active
    await app.security.activity.flush();
    clock.advance(11 * 60_000);
    expect(await ask()).toBe(false); // 11 idle minutes
    await app.close();
  });
});
