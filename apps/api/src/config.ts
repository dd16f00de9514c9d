import { resolve } from "node:path";
import {
  defaultRetention,
  type OrganizationCreation,
  organizationCreationValues,
  type RetentionSettings,
  type TeamSettings,
  type VerificationSettings,
} from "@tessera/core";

/** Every setting Tessera reads, all from the environment; docs/settings.md documents each one. */
export type Config = {
  port: number;
  host: string;
  /** `postgres://…` for a PostgreSQL server; unset for the embedded database. */
  databaseUrl: string | undefined;
  /** The embedded database's directory (ignored with a databaseUrl). */
  dataDir: string;
  /** Load the demo data into an empty database on start (default: only on the embedded database). */
  seedDemoData: boolean;
  logLevel: "debug" | "info" | "warn" | "error";
  /**
   * How many proxies you control sit in front of Tessera, each appending to X-Forwarded-For (0: none,
   * the header is ignored). The client address is the entry that many places from the right.
   */
  trustedProxyHops: number;
  /** Mark the session cookie Secure (serve over HTTPS). */
  secureCookies: boolean;
  /** Verification: caches, usage flushing and the failure limit. */
  verification: VerificationSettings;
  /** When set, /metrics needs `Authorization: Bearer <token>`. */
  metricsToken: string | undefined;
  /** Absolute session lifetime from sign-in, and the idle timeout since the last request. */
  sessionLifetimeMs: number;
  sessionIdleMs: number;
  /** Expiry notifications and their delivery (issue 12). */
  notifications: NotificationSettings;
  /** Who may create organizations: `members` (default), `owners` or `closed` (TESSERA_ORGANIZATION_CREATION). */
  organizationCreation: OrganizationCreation;
  /** Usage rollup and retention, run by the scheduler (issue 20). */
  maintenance: MaintenanceSettings;
};

export type MaintenanceSettings = {
  /** Whole days of hourly usage kept before today (TESSERA_USAGE_HOURLY_RETENTION_DAYS). */
  hourlyUsageRetentionDays: number;
  retention: RetentionSettings;
};

export type NotificationSettings = {
  /** Seconds between expiry passes (TESSERA_SCHEDULER_INTERVAL). */
  intervalSeconds: number;
  /** `smtp://` or `smtps://` URL of the mail server; unset: email delivery is off. */
  smtpUrl: string | undefined;
  /** The From address of Tessera's emails. */
  mailFrom: string;
  /** The web app's public address, for links in emails. */
  publicUrl: string;
  /** Let webhooks reach loopback, private and link-local addresses (development and tests only). */
  webhookAllowPrivateNetworks: boolean;
};

export class ConfigError extends Error {}

function flag(value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === "") return fallback;
  if (/^(1|true|yes|on)$/i.test(value)) return true;
  if (/^(0|false|no|off)$/i.test(value)) return false;
  throw new ConfigError(`expected true or false, got "${value}"`);
}

/** `TESSERA_TRUST_PROXY`: false (default), true (one proxy), or the number of proxies in front. */
function proxyHops(value: string | undefined): number {
  if (value !== undefined && /^\d+$/.test(value)) {
    const hops = Number(value);
    if (hops <= 10) return hops;
  }
  try {
    return flag(value, false) ? 1 : 0;
  } catch {
    throw new ConfigError(`TESSERA_TRUST_PROXY must be true, false or a number of proxies (0-10), got "${value}"`);
  }
}

function positiveInteger(env: NodeJS.ProcessEnv, name: string, fallback: number, least = 1): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < least) {
    const what = least === 0 ? "a whole number (0 or more)" : "a positive integer";
    throw new ConfigError(`${name} must be ${what}, got "${raw}"`);
  }
  return value;
}

function verificationSettings(env: NodeJS.ProcessEnv): VerificationSettings {
  return {
    cache: {
      maxEntries: positiveInteger(env, "TESSERA_VERIFY_CACHE_SIZE", 100_000),
      freshnessMs: positiveInteger(env, "TESSERA_VERIFY_CACHE_FRESHNESS_MS", 30_000),
      negativeMs: positiveInteger(env, "TESSERA_VERIFY_NEGATIVE_CACHE_MS", 5_000),
    },
    failureLimit: {
      points: positiveInteger(env, "TESSERA_VERIFY_FAILURE_LIMIT", 100),
      windowSeconds: positiveInteger(env, "TESSERA_VERIFY_FAILURE_WINDOW_SECONDS", 60),
      refusalDelayMs: positiveInteger(env, "TESSERA_VERIFY_FAILURE_DELAY_MS", 250, 0),
    },
    usageFlushMs: positiveInteger(env, "TESSERA_USAGE_FLUSH_MS", 5_000),
    rateLimitStore: rateLimitStore(env),
  };
}

/** `TESSERA_RATE_LIMIT_STORE`: memory (default, per instance) or redis (shared, needs REDIS_URL). */
function rateLimitStore(env: NodeJS.ProcessEnv): VerificationSettings["rateLimitStore"] {
  const kind = env.TESSERA_RATE_LIMIT_STORE || "memory";
  if (kind === "memory") return { kind };
  if (kind !== "redis") {
    throw new ConfigError(`TESSERA_RATE_LIMIT_STORE must be memory or redis, got "${kind}"`);
  }
  const url = env.REDIS_URL;
  if (!url || !/^rediss?:\/\//.test(url)) {
    throw new ConfigError("TESSERA_RATE_LIMIT_STORE=redis needs REDIS_URL (redis://host:6379 or rediss://…)");
  }
  return { kind, url };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 4000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`PORT must be a port number (0-65535), got "${env.PORT}"`);
  }
  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError(
      "DATABASE_URL must start with postgres:// or postgresql:// (unset it for the embedded database)",
    );
  }
  const logLevel = (env.LOG_LEVEL ?? "info") as Config["logLevel"];
  if (!["debug", "info", "warn", "error"].includes(logLevel)) {
    throw new ConfigError(`LOG_LEVEL must be debug, info, warn or error, got "${env.LOG_LEVEL}"`);
  }
  const notifications = loadNotificationSettings(env, port);
  const sessionIdleMs = positiveInteger(env, "TESSERA_SESSION_IDLE_MINUTES", 1440) * 60_000;
  return {
    port,
    host: env.HOST ?? "0.0.0.0",
    databaseUrl,
    dataDir: resolve(env.TESSERA_DATA_DIR ?? "./.data"),
    // Demo members have a public password and demo keys public secrets: never on a real server by default.
    seedDemoData: flag(env.TESSERA_SEED_DEMO, databaseUrl === undefined),
    logLevel,
    trustedProxyHops: proxyHops(env.TESSERA_TRUST_PROXY),
    secureCookies: flag(env.TESSERA_SECURE_COOKIES, false),
    verification: verificationSettings(env),
    metricsToken: env.TESSERA_METRICS_TOKEN || undefined,
    sessionLifetimeMs: positiveInteger(env, "TESSERA_SESSION_LIFETIME_HOURS", 720) * 3_600_000,
    sessionIdleMs,
    notifications,
    organizationCreation: organizationCreation(env.TESSERA_ORGANIZATION_CREATION),
    maintenance: loadMaintenanceSettings(env, sessionIdleMs),
  };
}

/** Days between `min` and 36,500, or 0 (keep forever) when `zeroKeeps`. */
function days(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, zeroKeeps = false): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (Number.isInteger(value) && ((zeroKeeps && value === 0) || (value >= min && value <= 36_500))) return value;
  const zero = zeroKeeps ? " or 0 to keep forever" : "";
  throw new ConfigError(`${name} must be a whole number of days from ${min} to 36500${zero}, got "${raw}"`);
}

function loadMaintenanceSettings(env: NodeJS.ProcessEnv, sessionIdleMs: number): MaintenanceSettings {
  const d = defaultRetention;
  return {
    // Hourly charts span up to 31 days, so at least that many days keep their hours.
    hourlyUsageRetentionDays: days(env, "TESSERA_USAGE_HOURLY_RETENTION_DAYS", 35, 31),
    retention: {
      outboxSentDays: days(env, "TESSERA_RETENTION_OUTBOX_SENT_DAYS", d.outboxSentDays, 1, true),
      outboxFailedDays: days(env, "TESSERA_RETENTION_OUTBOX_FAILED_DAYS", d.outboxFailedDays, 1, true),
      endedSessionDays: days(env, "TESSERA_RETENTION_SESSIONS_DAYS", d.endedSessionDays, 1, true),
      sessionIdleMs,
      signInThrottleDays: days(env, "TESSERA_RETENTION_SIGN_IN_THROTTLE_DAYS", d.signInThrottleDays, 1, true),
      // The expiry pass looks back 30 days after expiry: its milestones must outlive that.
      expiryNoticeDays: days(env, "TESSERA_RETENTION_EXPIRY_NOTICES_DAYS", d.expiryNoticeDays, 31, true),
      // A year of daily buckets can be asked for at once.
      usageDailyDays: days(env, "TESSERA_USAGE_DAILY_RETENTION_DAYS", d.usageDailyDays, 367, true),
      auditDays: days(env, "TESSERA_RETENTION_AUDIT_DAYS", d.auditDays, 1, true),
    },
  };
}

function organizationCreation(value: string | undefined): OrganizationCreation {
  const chosen = (value || "members").toLowerCase();
  if (!organizationCreationValues.includes(chosen as OrganizationCreation)) {
    throw new ConfigError(`TESSERA_ORGANIZATION_CREATION must be members, owners or closed, got "${value}"`);
  }
  return chosen as OrganizationCreation;
}

function loadNotificationSettings(env: NodeJS.ProcessEnv, port: number): NotificationSettings {
  const intervalSeconds = Number(env.TESSERA_SCHEDULER_INTERVAL || 300);
  if (!Number.isFinite(intervalSeconds) || intervalSeconds < 1 || intervalSeconds > 86_400) {
    throw new ConfigError(
      `TESSERA_SCHEDULER_INTERVAL must be a number of seconds (1-86400), got "${env.TESSERA_SCHEDULER_INTERVAL}"`,
    );
  }
  const smtpUrl = env.SMTP_URL || undefined;
  if (smtpUrl && !/^smtps?:\/\/[^/]/.test(smtpUrl)) {
    throw new ConfigError("SMTP_URL must look like smtp://user:pass@host:587 or smtps://host:465");
  }
  const publicUrl = env.TESSERA_PUBLIC_URL || `http://localhost:${port || 4000}`;
  if (!URL.canParse(publicUrl) || !/^https?:$/.test(new URL(publicUrl).protocol)) {
    throw new ConfigError(`TESSERA_PUBLIC_URL must be an http(s) URL, got "${publicUrl}"`);
  }
  return {
    intervalSeconds,
    smtpUrl,
    mailFrom: env.MAIL_FROM || "Tessera <tessera@localhost>",
    publicUrl,
    webhookAllowPrivateNetworks: named("TESSERA_WEBHOOK_ALLOW_PRIVATE_NETWORKS", env, false),
  };
}

function named(name: string, env: NodeJS.ProcessEnv, fallback: boolean): boolean {
  try {
    return flag(env[name], fallback);
  } catch (error) {
    throw new ConfigError(`${name}: ${(error as Error).message}`);
  }
}

/** What invitations, password links and organization creation need from the settings. */
export function teamSettings(config: Config): TeamSettings {
  return {
    publicUrl: config.notifications.publicUrl,
    emailEnabled: config.notifications.smtpUrl !== undefined,
    organizationCreation: config.organizationCreation,
  };
}
