import type { PrismaClient } from "@tessera/db";
import type { Clock } from "../clock.ts";
import type { SessionActivity } from "./session-activity.ts";
import type { SignInThrottle } from "./sign-in-throttle.ts";

/** How long a session lives: an absolute lifetime from sign-in, and an idle timeout since its last request. */
export type SessionPolicy = { lifetimeMs: number; idleMs: number };

export const defaultSessionPolicy: SessionPolicy = {
  lifetimeMs: 30 * 24 * 60 * 60 * 1000,
  idleMs: 24 * 60 * 60 * 1000,
};

/**
 * A failed or throttled sign-in, reported for the server's log whether or not the email belongs to
 * an account (an unknown email has no organization whose audit log could hold it). Never the password.
 */
export type SecurityEvent = {
  action: "member.sign_in_failed" | "member.sign_in_throttled";
  /** Whether the email belongs to an account; the email itself is not reported. */
  knownAccount: boolean;
  sourceAddress: string | null;
  userAgent: string | null;
};

/** The per-server pieces sign-in and sessions need, built once by the app and shared by every request. */
export type SessionSecurity = {
  throttle: SignInThrottle;
  /** Password-reset requests, limited like sign-in attempts but counted apart from them. */
  resetThrottle: SignInThrottle;
  policy: SessionPolicy;
  activity: SessionActivity;
  report(event: SecurityEvent): void;
  /** Work finished after the answer was sent (a password-reset email) failed: for the server's log. */
  backgroundFailed(what: string, error: unknown): void;
};

/** What sign-in, password changes and session lookups need. */
export type SessionDeps = { prisma: PrismaClient; clock: Clock; security: SessionSecurity };

/** User agents are free text from the client: keep a bounded prefix. */
export function boundedUserAgent(userAgent: string | null | undefined): string | null {
  return userAgent ? userAgent.slice(0, 500) : null;
}
