import { resolve } from "node:path";

/** Every setting Tessera reads, all from the environment; the README documents each one. */
export type Config = {
  port: number;
  host: string;
  /** `postgres://…` for a PostgreSQL server; unset for the embedded database. */
  databaseUrl: string | undefined;
  /** The embedded database's directory (ignored with a databaseUrl). */
  dataDir: string;
  /** Load the demo data into an empty database on start. */
  seedDemoData: boolean;
  logLevel: "debug" | "info" | "warn" | "error";
  /** Trust X-Forwarded-For for the client address (only behind a proxy you control). */
  trustProxy: boolean;
  /** Mark the session cookie Secure (serve over HTTPS). */
  secureCookies: boolean;
  /** Expiry notifications and their delivery (issue 12). */
  notifications: NotificationSettings;
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
  return {
    port,
    host: env.HOST ?? "0.0.0.0",
    databaseUrl,
    dataDir: resolve(env.TESSERA_DATA_DIR ?? "./.data"),
    seedDemoData: flag(env.TESSERA_SEED_DEMO, true),
    logLevel,
    trustProxy: flag(env.TESSERA_TRUST_PROXY, false),
    secureCookies: flag(env.TESSERA_SECURE_COOKIES, false),
    notifications,
  };
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
