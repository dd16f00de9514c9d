/**
 * Members: the people who sign in to Tessera, as opposed to the API keys and customer accounts they
 * manage. Here: sign-in and sessions (the session cookie, listing and ending sessions), passwords
 * (hashing, rules, changing one), sign-in throttling, and the per-server session security they share.
 * Operations take `(ctx, input)` with a `MemberContext` (just `ctx` when there is nothing to ask) and
 * record their events in every organization of the member (`member-audit.ts`, internal like
 * `other-sessions.ts`). Whatever is about a member rather than a key belongs here too: invitations,
 * roles and organization memberships.
 */
export * from "./accept-invitation.ts";
export * from "./context.ts";
export * from "./email-address.ts";
export * from "./invitation-status.ts";
export * from "./invitations.ts";
export * from "./member-manager.ts";
export * from "./member-search.ts";
export * from "./membership.ts";
export * from "./one-time-token.ts";
export * from "./open-session.ts";
export * from "./organization-create.ts";
export * from "./organization-slug.ts";
export * from "./organization-update.ts";
export * from "./password.ts";
export * from "./password-change.ts";
export * from "./password-reset.ts";
export * from "./password-rules.ts";
export * from "./role-rules.ts";
export * from "./session-activity.ts";
export * from "./session-security.ts";
export * from "./session-token.ts";
export * from "./sessions.ts";
export * from "./setup.ts";
export * from "./sign-in.ts";
export * from "./sign-in-throttle.ts";
export * from "./team-emails.ts";
export * from "./team-settings.ts";
