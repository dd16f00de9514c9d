import { signIn, signOut, UnauthenticatedError, ValidationError } from "@tessera/core";
import { builder } from "../builder.ts";
import { UserRef } from "./user.ts";

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
    description: "Signs in with email and password and sets the session cookie used by the web app.",
    errors: {
      types: [ValidationError, UnauthenticatedError],
      union: { name: "SignInResult", description: "What `signIn` answers: the new session, or why signing in failed." },
    },
    args: { input: t.arg({ type: SignInInput, required: true, description: "Email and password." }) },
    resolve: async (_root, { input }, ctx) => {
      const session = await signIn(
        ctx.prisma,
        { ...input, sourceAddress: ctx.sourceAddress, userAgent: ctx.userAgent },
        ctx.clock,
      );
      ctx.sessionCookie.set(session.token, session.expiresAt);
      return { expiresAt: session.expiresAt, userId: session.user.id };
    },
  }),
  signOut: t.boolean({
    description: "Ends the current session and clears its cookie. True when a session was ended.",
    resolve: async (_root, _args, ctx) => {
      ctx.sessionCookie.clear();
      if (ctx.viewer.kind !== "user") return false;
      await signOut(ctx.prisma, ctx.viewer.sessionId);
      return true;
    },
  }),
}));
