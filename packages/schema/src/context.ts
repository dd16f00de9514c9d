import type {
  AccessResolver,
  Clock,
  SessionSecurity,
  SetupGate,
  TeamSettings,
  Verification,
  Viewer,
} from "@tessera/core";
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
  /** Public address, email on or off, who may create organizations. */
  team: TeamSettings;
  /** The first-run setup token of this process (open only while the database has no user). */
  setup: SetupGate;
};
