import { describe, expect, it } from "vitest";
import { sessionCookieName } from "../src/cookies.ts";
import { testPassword, testSourceAddress, useHarness } from "./support/harness.ts";

const h = useHarness();

const signIn = `mutation SignIn($input: SignInInput!) {
  signIn(input: $input) {
    __typename
    ... on SignInPayload { expiresAt user { email } }
    ... on Error { code message }
  }
}`;
const whoAmI = "{ viewer { user { email } apiKey { id } organizations { slug viewerRole } } }";

function cookieFrom(headers: Headers): string {
  const setCookie = headers.get("set-cookie") ?? "";
  return setCookie.split(";")[0] ?? "";
}

describe("sign-in and sessions", () => {
  it("signs in with email and password, sets an HttpOnly SameSite=Lax cookie, and the cookie identifies the member", async () => {
    const { users, org } = await h.newOrganization();
    const result = await h.anonymous.gql(signIn, {
      input: { email: users.ADMIN.email.toUpperCase(), password: testPassword },
    });
    expect(result.data?.signIn).toMatchObject({ __typename: "SignInPayload", user: { email: users.ADMIN.email } });
    const setCookie = result.headers.get("set-cookie") ?? "";
    expect(setCookie).toMatch(new RegExp(`^${sessionCookieName}=tss_`));
    expect(setCookie).toContain("HttpOnly");
    expect(setCookie).toContain("SameSite=Lax");

    const me = await h.client({ cookie: cookieFrom(result.headers) }).gql(whoAmI);
    expect(me.data?.viewer).toEqual({
      user: { email: users.ADMIN.email },
      apiKey: null,
      organizations: [{ slug: org.slug, viewerRole: "ADMIN" }],
    });
  });

  it("records the sign-in in the audit log of the member's organization, with the source address", async () => {
    const { users, org } = await h.newOrganization();
    await h.anonymous.gql(signIn, { input: { email: users.VIEWER.email, password: testPassword } });
    const events = await h.db.prisma.auditEvent.findMany({
      where: { organizationId: org.id, action: "member.signed_in" },
    });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      actorUserId: users.VIEWER.id,
      targetId: users.VIEWER.id,
      sourceAddress: testSourceAddress,
    });
  });

  it("signs out: the cookie is cleared and the old session no longer works", async () => {
    const { users } = await h.newOrganization();
    const result = await h.anonymous.gql(signIn, { input: { email: users.OWNER.email, password: testPassword } });
    const member = h.client({ cookie: cookieFrom(result.headers) });

    const out = await member.gql("mutation { signOut }");
    expect(out.data?.signOut).toBe(true);
    expect(out.headers.get("set-cookie")).toMatch(/Expires=Thu, 01 Jan 1970/);

    const me = await member.gql(whoAmI);
    expect(me.data?.viewer).toEqual({ user: null, apiKey: null, organizations: [] });
  });

  it("an anonymous caller sees an empty viewer, and signing out without a session is harmless", async () => {
    expect((await h.anonymous.gql(whoAmI)).data?.viewer).toEqual({ user: null, apiKey: null, organizations: [] });
    expect((await h.anonymous.gql("mutation { signOut }")).data?.signOut).toBe(false);
  });
});
