import { deliverDueMessages, type EmailPayload } from "@tessera/core";
import { describe, expect, it } from "vitest";
import { testPassword, useHarness } from "../support/harness.ts";
import {
  clientFromCookie,
  eventually,
  requestPasswordReset,
  resetPassword,
  result,
  strongPassword,
} from "./documents.ts";

const h = useHarness({ team: { emailEnabled: true, publicUrl: "https://tessera.example.com" } });

async function emailTo(to: string): Promise<{ id: string; payload: EmailPayload }> {
  const message = await eventually(() =>
    h.db.prisma.outboxMessage.findFirst({
      where: { kind: "EMAIL", payload: { path: ["to"], equals: to } },
      orderBy: { createdAt: "desc" },
    }),
  );
  return { id: message.id, payload: message.payload as EmailPayload };
}

describe("password reset by email", () => {
  it("emails a one-hour link; the new password works, every old session ends, and the link dies with use", async () => {
    const { org, users, as } = await h.newOrganization();
    const answer = result(
      await h.anonymous.gql(requestPasswordReset, { input: { email: users.EDITOR.email.toUpperCase() } }),
    );
    expect(answer.__typename).toBe("RequestPasswordResetPayload");
    const { id, payload } = await emailTo(users.EDITOR.email);
    expect(payload.subject).toBe("Reset your Tessera password");
    const link = /https:\/\/tessera\.example\.com\/reset-password\?token=(tsp_[0-9A-Za-z]{43})/.exec(payload.text);
    expect(link).not.toBeNull();
    const token = link?.[1] as string;
    const stored = await h.db.prisma.passwordToken.findFirstOrThrow({ where: { userId: users.EDITOR.id } });
    expect(stored.tokenHash).not.toBe(token);
    expect(stored.expiresAt.getTime() - stored.createdAt.getTime()).toBe(3_600_000);

    const reset = await h.anonymous.gql(resetPassword, { input: { token, password: strongPassword } });
    expect(result(reset).__typename).toBe("ResetPasswordPayload");
    const fresh = clientFromCookie(h, reset);
    expect((await fresh.gql("{ viewer { user { email } } }")).data?.viewer.user).toEqual({ email: users.EDITOR.email });
    expect((await as.EDITOR.gql("{ viewer { user { email } } }")).data?.viewer.user).toBeNull();
    const oldPassword = await h.anonymous.gql("mutation($i: SignInInput!) { signIn(input: $i) { __typename } }", {
      i: { email: users.EDITOR.email, password: testPassword },
    });
    expect(oldPassword.data?.signIn.__typename).toBe("UnauthenticatedError");
    const again = result(await h.anonymous.gql(resetPassword, { input: { token, password: `${strongPassword}!` } }));
    expect(again.code).toBe("CONFLICT");
    const audit = await h.db.prisma.auditEvent.findFirstOrThrow({
      where: { organizationId: org.id, action: "member.password_reset" },
    });
    expect(audit.changes).toMatchObject({ endedSessions: 1 });

    // Once sent, the outbox keeps the email without the link's token.
    await deliverDueMessages({ prisma: h.db.prisma, clock: h.clock, senders: { EMAIL: async () => ({ ok: true }) } });
    const sent = await h.db.prisma.outboxMessage.findUniqueOrThrow({ where: { id } });
    expect(sent.status).toBe("SENT");
    expect(JSON.stringify(sent.payload)).not.toContain(token);
  });
});
