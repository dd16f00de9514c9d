import { describe, expect, it } from "vitest";
import { useHarness } from "../support/harness.ts";
import { eventually, requestPasswordReset, resetPassword, result, strongPassword } from "./documents.ts";

const h = useHarness({ team: { emailEnabled: true } });

async function request(email: string, address?: string) {
  const client = address ? h.client({ "x-forwarded-for": address }) : h.anonymous;
  const started = performance.now();
  const response = await client.gql(requestPasswordReset, { input: { email } });
  return { body: JSON.stringify(response.data), ms: performance.now() - started };
}

describe("password reset answers", () => {
  it("are identical for known and unknown emails, in body and in time", async () => {
    const a = await h.newOrganization();
    const b = await h.newOrganization();
    const emails = [...Object.values(a.users), ...Object.values(b.users)].map((u) => u.email);
    await request("warm-up@example.test");
    const known: number[] = [];
    const unknown: number[] = [];
    const bodies = new Set<string>();
    for (const [i, email] of emails.entries()) {
      const k = await request(email);
      const u = await request(`nobody-${i}@example.test`);
      bodies.add(k.body).add(u.body);
      known.push(k.ms);
      unknown.push(u.ms);
    }
    expect(bodies.size).toBe(1);
    await eventually(async () => (await h.db.prisma.passwordToken.count()) === emails.length);
    // The answer is given before anything depends on the account (the email is queued after it), so
    // both take the throttle's time. A shared test machine is noisy: compare the fastest of each
    // (least disturbed by load), with room for the noise.
    const [fastKnown, fastUnknown] = [Math.min(...known), Math.min(...unknown)];
    expect(fastKnown).toBeLessThan(fastUnknown * 2 + 30);
    expect(fastUnknown).toBeLessThan(fastKnown * 2 + 30);
  });

  it("are throttled per email and address like sign-in, whether or not the account exists", async () => {
    const { users } = await h.newOrganization();
    const answers: string[] = [];
    for (let i = 0; i < 6; i++) {
      answers.push(
        (await h.anonymous.gql(requestPasswordReset, { input: { email: users.VIEWER.email } })).data
          ?.requestPasswordReset.__typename,
      );
    }
    expect(answers.slice(0, 5).every((a) => a === "RequestPasswordResetPayload")).toBe(true);
    expect(answers[5]).toBe("SignInThrottledError");
    const unknown: string[] = [];
    for (let i = 0; i < 6; i++) {
      unknown.push(
        (await h.anonymous.gql(requestPasswordReset, { input: { email: "ghost@example.test" } })).data
          ?.requestPasswordReset.__typename,
      );
    }
    expect(unknown).toEqual(answers);
  });
});

describe("password links", () => {
  it("an unknown, expired or used link changes nothing", async () => {
    const { users } = await h.newOrganization();
    const before = (await h.db.prisma.user.findUniqueOrThrow({ where: { id: users.ADMIN.id } })).passwordHash;
    expect(
      result(await h.anonymous.gql(resetPassword, { input: { token: "tsp_madeup", password: strongPassword } })).code,
    ).toBe("NOT_FOUND");
    await h.anonymous.gql(requestPasswordReset, { input: { email: users.ADMIN.email } });
    const message = await eventually(() =>
      h.db.prisma.outboxMessage.findFirst({
        where: { kind: "EMAIL", payload: { path: ["to"], equals: users.ADMIN.email } },
      }),
    );
    const token = /token=(tsp_\w+)/.exec(JSON.stringify(message.payload))?.[1] as string;
    h.clock.advance(3_600_001);
    try {
      const expired = result(await h.anonymous.gql(resetPassword, { input: { token, password: strongPassword } }));
      expect(expired).toMatchObject({ code: "CONFLICT", message: "This link has expired. Ask for a new one." });
    } finally {
      h.clock.advance(-3_600_001);
    }
    const weak = result(await h.anonymous.gql(resetPassword, { input: { token, password: "short" } }));
    expect(weak).toMatchObject({ code: "VALIDATION", field: "password" });
    expect((await h.db.prisma.user.findUniqueOrThrow({ where: { id: users.ADMIN.id } })).passwordHash).toBe(before);
  });
});
