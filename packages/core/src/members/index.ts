/**
 * Members: the people who sign in to Tessera, as opposed to the API keys and customer accounts they
 * manage. Their sessions (sign-in, the session cookie, listing and ending sessions), their passwords
 * (hashing, rules, changing one), sign-in throttling, and the per-server session security those share.
 * Operations take `(ctx, input)` with a `MemberContext`. Whatever is about a member rather than
 * a key belongs here too: invitations, roles and organization memberships.
 */
export * from "./context.ts";
export * from "./password.ts";
export * from "./password-change.ts";
export * from "./password-rules.ts";
export * from "./session-activity.ts";
export * from "./session-security.ts";
export * from "./session-token.ts";
export * from "./sessions.ts";
export * from "./sign-in.ts";
export * from "./sign-in-throttle.ts";
