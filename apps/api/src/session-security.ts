import {
  type Clock,
  defaultSessionPolicy,
  SessionActivity,
  type SessionPolicy,
  type SessionSecurity,
  SignInThrottle,
  type SignInThrottleOptions,
} from "@tessera/core";
import type { PrismaClient } from "@tessera/db";
import type { Logger } from "./log.ts";

export type SessionSecurityOptions = {
  sessionPolicy?: Partial<SessionPolicy>;
  signInThrottle?: Partial<SignInThrottleOptions>;
  /** How often last-seen times are written (default one minute). */
  activityFlushMs?: number;
};

/**
 * The server's one sign-in throttle and last-seen batcher. Failed and throttled sign-ins are logged
 * as warnings (with address and user agent, never the email or password): the only record of
 * attempts on emails that belong to no account, which have no organization's audit log to go to.
 */
export function createSessionSecurity(
  prisma: PrismaClient,
  clock: Clock,
  logger: Logger,
  options: SessionSecurityOptions = {},
): SessionSecurity {
  const activity = new SessionActivity(prisma, clock, options.activityFlushMs);
  activity.start((error) =>
    logger.warn("could not record session activity", { error: error instanceof Error ? error.message : String(error) }),
  );
  return {
    throttle: new SignInThrottle(prisma, options.signInThrottle),
    resetThrottle: new SignInThrottle(prisma, options.signInThrottle, "reset:"),
    policy: { ...defaultSessionPolicy, ...options.sessionPolicy },
    activity,
    report: (event) => logger.warn("security event", { ...event }),
    backgroundFailed: (what, error) =>
      logger.error(what, { error: error instanceof Error ? error.message : String(error) }),
  };
}
