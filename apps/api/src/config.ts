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
  /** Absolute session lifetime from sign-in, and the idle timeout since the last request. */
  sessionLifetimeMs: number;
  sessionIdleMs: number;
};

export class ConfigError extends Error {}

function flag(value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === "") return fallback;
  if (/^(1|true|yes|on)$/i.test(value)) return true;
  if (/^(0|false|no|off)$/i.test(value)) return false;
  throw new ConfigError(`expected true or false, got "${value}"`);
}

function positiveInteger(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === "") return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new ConfigError(`${name} must be a whole number of at least 1, got "${value}"`);
  return n;
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
  return {
    port,
    host: env.HOST ?? "0.0.0.0",
    databaseUrl,
    dataDir: resolve(env.TESSERA_DATA_DIR ?? "./.data"),
    seedDemoData: flag(env.TESSERA_SEED_DEMO, true),
    logLevel,
    trustProxy: flag(env.TESSERA_TRUST_PROXY, false),
    secureCookies: flag(env.TESSERA_SECURE_COOKIES, false),
    sessionLifetimeMs:
      positiveInteger("TESSERA_SESSION_LIFETIME_HOURS", env.TESSERA_SESSION_LIFETIME_HOURS, 720) * 3_600_000,
    sessionIdleMs: positiveInteger("TESSERA_SESSION_IDLE_MINUTES", env.TESSERA_SESSION_IDLE_MINUTES, 1440) * 60_000,
  };
}
