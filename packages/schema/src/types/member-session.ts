import {
  changePassword,
  decodeTargetId,
  encodeId,
  listSessions,
  NotFoundError,
  requireMember,
  revokeSession,
  SignInThrottledError,
  signOutEverywhere,
  UnauthenticatedError,
  ValidationError,
} from "@tessera/core";
import { builder } from "../builder.ts";
import { ViewerRef } from "./viewer.ts";

type MemberSession = Awaited<ReturnType<typeof listSessions>>[number];

const MemberSessionRef = builder.objectRef<MemberSession>("MemberSession").implement({
  description: "One of your signed-in sessions: a browser or device holding a session cookie.",
  fields: (t) => ({
    id: t.id({ description: "The session's id, for `revokeSession`.", resolve: (s) => encodeId("Session", s.id) }),
    createdAt: t.expose("createdAt", { type: "DateTime", description: "When you signed in." }),
    lastSeenAt: t.expose("lastSeenAt", {
      type: "DateTime",
      description: "When the session was last used (recorded in batches: up to a minute behind).",
    }),
    expiresAt: t.expose("expiresAt", {
      type: "DateTime",
      description: "When it ends at the latest (absolute lifetime).",
    }),
    address: t.exposeString("ipAddress", { nullable: true, description: "The address it signed in from, when known." }),
    userAgent: t.exposeString("userAgent", { nullable: true, description: "The browser's User-Agent at sign-in." }),
    current: t.exposeBoolean("current", { description: "True for the session making this request." }),
  }),
});

builder.objectField(ViewerRef, "sessions", (t) =>
  t.field({
    type: [MemberSessionRef],
    description:
      "Your active sessions, most recently used first (signed-in members only; empty for API keys and anonymous callers).",
    resolve: (viewer, _args, ctx) => (viewer.kind === "user" ? listSessions(ctx) : []),
  }),
);

const RevokeSessionPayload = builder
  .objectRef<{ revokedSessionId: string; current: boolean }>("RevokeSessionPayload")
  .implement({
    description: "The session ended; its cookie no longer works.",
    fields: (t) => ({
      revokedSessionId: t.id({
        description: "The ended session's id.",
        resolve: (p) => encodeId("Session", p.revokedSessionId),
      }),
      current: t.exposeBoolean("current", { description: "True when it was the session making this request." }),
    }),
  });

const EndedSessionsPayload = (name: string, description: string) =>
  builder.objectRef<{ endedSessions: number }>(name).implement({
    description,
    fields: (t) => ({
      endedSessions: t.exposeInt("endedSessions", { description: "How many other sessions ended." }),
    }),
  });
const SignOutEverywherePayload = EndedSessionsPayload(
  "SignOutEverywherePayload",
  "Every session but the current one ended.",
);
const ChangePasswordPayload = EndedSessionsPayload(
  "ChangePasswordPayload",
  "The password changed, and every session but the current one ended.",
);

const ChangePasswordInput = builder.inputType("ChangePasswordInput", {
  description: "Your current password, and the new one.",
  fields: (t) => ({
    currentPassword: t.string({ required: true, description: "The password you sign in with now." }),
    newPassword: t.string({
      required: true,
      description: "At least 12 and at most 256 characters, not a common password, not your email address.",
    }),
  }),
});

builder.mutationFields((t) => ({
  revokeSession: t.field({
    type: RevokeSessionPayload,
    description: "Ends one of your sessions (ending the current one signs you out). Audited as `session.revoked`.",
    errors: {
      types: [NotFoundError, UnauthenticatedError],
      union: { name: "RevokeSessionResult", description: "The ended session, or why nothing ended." },
    },
    args: { id: t.arg.id({ required: true, description: "The session (a MemberSession id)." }) },
    resolve: async (_root, { id }, ctx) => {
      // Another member's session, a malformed id and an unknown one all read as "not found".
      requireMember(ctx.viewer); // anonymous callers and keys are told to sign in, whatever the id
      const sessionId = decodeTargetId(String(id), "Session", "Session not found.");
      const result = await revokeSession(ctx, { id: sessionId });
      if (result.current) ctx.sessionCookie.clear();
      return result;
    },
  }),
  signOutEverywhere: t.field({
    type: SignOutEverywherePayload,
    description: "Ends every one of your sessions except the current one. Audited as `member.signed_out_everywhere`.",
    errors: {
      types: [UnauthenticatedError],
      union: { name: "SignOutEverywhereResult", description: "How many sessions ended, or why none did." },
    },
    resolve: async (_root, _args, ctx) => ({ endedSessions: await signOutEverywhere(ctx) }),
  }),
  changePassword: t.field({
    type: ChangePasswordPayload,
    description:
      "Changes your password (the current one is required) and ends every other session. Audited as `member.password_changed`.",
    errors: {
      types: [ValidationError, UnauthenticatedError, SignInThrottledError],
      union: { name: "ChangePasswordResult", description: "The change, or why the password stayed as it was." },
    },
    args: { input: t.arg({ type: ChangePasswordInput, required: true, description: "Current and new password." }) },
    resolve: async (_root, { input }, ctx) => ({
      endedSessions: await changePassword(ctx, input),
    }),
  }),
}));
