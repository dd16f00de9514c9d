import { requestPasswordReset, resetPassword, SignInThrottledError } from "@tessera/core";
import { builder } from "../builder.ts";
import { mutationErrors } from "../errors.ts";

const RequestPasswordResetInput = builder.inputType("RequestPasswordResetInput", {
  description: "The email address of the account.",
  fields: (t) => ({ email: t.string({ required: true, description: "The address you sign in with." }) }),
});

const RequestPasswordResetPayload = builder.objectRef<{ answer: string }>("RequestPasswordResetPayload").implement({
  description: "The same answer whether or not the address belongs to an account.",
  fields: (t) => ({ answer: t.exposeString("answer", { description: "What happens next, for a person." }) }),
});

const ResetPasswordInput = builder.inputType("ResetPasswordInput", {
  description: "The token from a password link, and the new password.",
  fields: (t) => ({
    token: t.string({ required: true, description: "The token from the link (`/reset-password?token=…`)." }),
    password: t.string({
      required: true,
      description: "12 to 256 characters, not a common password, not your email address.",
    }),
  }),
});

const ResetPasswordPayload = builder.objectRef<{ expiresAt: Date }>("ResetPasswordPayload").implement({
  description: "The password changed, every other session ended, and this browser is signed in.",
  fields: (t) => ({
    sessionExpiresAt: t.expose("expiresAt", { type: "DateTime", description: "When the new session ends." }),
  }),
});

builder.mutationFields((t) => ({
  requestPasswordReset: t.field({
    type: RequestPasswordResetPayload,
    description:
      "Emails a single-use link (1 hour) to choose a new password, when the address belongs to an account and SMTP is set. Always the same answer; throttled per address and email like sign-in.",
    errors: {
      types: [...mutationErrors, SignInThrottledError],
      union: { name: "RequestPasswordResetResult", description: "The standard answer, or a throttle refusal." },
    },
    args: { input: t.arg({ type: RequestPasswordResetInput, required: true, description: "The email." }) },
    // The email is queued after the answer (its failures are logged), so the answer's timing is the
    // same for every address.
    resolve: async (_root, { input }, ctx) => ({ answer: (await requestPasswordReset(ctx, input)).message }),
  }),
  resetPassword: t.field({
    type: ResetPasswordPayload,
    description:
      "Sets a new password with a password link (emailed, or printed by `tessera create-owner`), ends every session of the user and signs this browser in. The link works once. Audited as `member.password_reset`.",
    errors: {
      types: mutationErrors,
      union: { name: "ResetPasswordResult", description: "The new session, or why the password stayed." },
    },
    args: { input: t.arg({ type: ResetPasswordInput, required: true, description: "Token and new password." }) },
    resolve: async (_root, { input }, ctx) => {
      const session = await resetPassword(ctx, input);
      ctx.sessionCookie.set(session.token, session.expiresAt);
      return { expiresAt: session.expiresAt };
    },
  }),
}));
