import type { AccessResolver, Clock, SessionSecurity, Verification, Viewer } from "@tessera/core";
import type { PrismaClient } from "@tessera/db";

/** Per-request context, built by the server (apps/api/src/context.ts) and read by every resolver. */
export type Context = {
  prisma: PrismaClient;
  clock: Clock;
  /** Verification's caches and counters (one per process), for `verifyApiKey`. */
  verification: Verification;
  viewer: Viewer;
  access: AccessResolver;
  /** The client's address (for the audit log); null when unknown. */
  sourceAddress: string | null;
  userAgent: string | null;
  /** Sets or clears the session cookie on the response (sign-in and sign-out). */
  sessionCookie: { set(token: string, expiresAt: Date): void; clear(): void };
  /** Sign-in throttle, session lifetimes and last-seen batching, shared by every request of the server. */
  security: SessionSecurity;
};
