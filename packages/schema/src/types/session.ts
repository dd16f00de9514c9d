import { SignInThrottledError, signIn, signOut, UnauthenticatedError, ValidationError } from "@tessera/core";
import { builder } from "../builder.ts";
import { ErrorInterface } from "../errors.ts";
import { UserRef } from "./user.ts";

builder.objectType(SignInThrottledError, {
  name: "SignInThrottledError",
  description:
    "Too many sign-in attempts for this account from your address (or from everywhere): wait until `retryAfter`. " +
    "The same answer whether or not the account exists, and the password was not checked.",
  interfaces: [ErrorInterface],
  fields: (t) => ({
    retryAfter: t.expose("retryAfter", { type: "DateTime", description: "When to try again." }),
  }),
});

const SignInInput = builder.inputType("SignInInput", {
  description: "Credentials of a Tessera user.",
  fields: (t) => ({
    email: t.string({ required: true, description: "The user's email address (case-insensitive)." }),
    password: t.string({ required: true, description: "The user's password." }),
  }),
});

const SignInPayload = builder.objectRef<{ expiresAt: Date; userId: string }>("SignInPayload").implement({
  description: "Signed in: the session cookie is set on the response (HttpOnly, SameSite=Lax).",
  fields: (t) => ({
    expiresAt: t.expose("expiresAt", { type: "DateTime", description: "When the session ends." }),
    user: t.prismaField({
      type: UserRef,
      description: "The user who signed in.",
      resolve: (query, payload, _args, ctx) =>
        ctx.prisma.user.findUniqueOrThrow({ ...query, where: { id: payload.userId } }),
    }),
  }),
});

builder.mutationFields((t) => ({
  signIn: t.field({
    type: SignInPayload,
    description:
      "Signs in with email and password and sets the session cookie used by the web app. Failed attempts are " +
      "throttled per account and address; failed and throttled attempts on an account appear in its organizations' audit logs.",
    errors: {
      types: [ValidationError, UnauthenticatedError, SignInThrottledError],
      union: { name: "SignInResult", description: "What `signIn` answers: the new session, or why signing in failed." },
    },
    args: { input: t.arg({ type: SignInInput, required: true, description: "Email and password." }) },
    resolve: async (_root, { input }, ctx) => {
      const session = await signIn(ctx, input);
      ctx.sessionCookie.set(session.token, session.expiresAt);
      return { expiresAt: session.expiresAt, userId: session.user.id };
    },
  }),
  signOut: t.boolean({
    description: "Ends the current session and clears its cookie. True when a session was ended.",
    resolve: async (_root, _args, ctx) => {
      ctx.sessionCookie.clear();
      return signOut(ctx);
    },
  }),
}));
