import { describe, expect, it } from "vitest";
import { testPassword, useHarness } from "./support/harness.ts";

const h = useHarness();

const signIn = `mutation($input: SignInInput!) {
  signIn(input: $input) { __typename ... on Error { code message } ... on ValidationError { field } }
}`;

describe("sign-in failures", () => {
  it("a wrong password and an unknown email get the same answer, set no cookie and open no session", async () => {
    const { users } = await h.newOrganization();
    const before = await h.db.prisma.session.count();
    const wrong = await h.anonymous.gql(signIn, { input: { email: users.OWNER.email, password: "nope" } });
    const unknown = await h.anonymous.gql(signIn, { input: { email: "nobody@example.test", password: testPassword } });
    for (const result of [wrong, unknown]) {
      expect(result.data?.signIn).toEqual({
        __typename: "UnauthenticatedError",
        code: "UNAUTHENTICATED",
        message: "The email address or password is wrong.",
      });
      expect(result.headers.get("set-cookie")).toBeNull();
    }
    expect(await h.db.prisma.session.count()).toBe(before);
  });

  it("empty credentials are a validation error", async () => {
    const result = await h.anonymous.gql(signIn, { input: { email: " ", password: "" } });
    expect(result.data?.signIn).toMatchObject({ __typename: "ValidationError", code: "VALIDATION" });
  });

  it("a missing input is rejected by the schema with a clear message", async () => {
    const result = await h.anonymous.gql('mutation { signIn(input: { email: "a@b.c" }) { __typename } }');
    expect(result.errors?.[0]?.message).toMatch(/password/);
  });
});
