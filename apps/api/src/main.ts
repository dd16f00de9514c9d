/**
 * `pnpm start`: opens the database (embedded PGlite by default, or DATABASE_URL), applies pending
 * migrations, loads the demo data into an empty database, and serves Tessera until SIGINT/SIGTERM,
 * when it stops accepting connections and closes the database cleanly.
 */
import { createServer } from "node:http";
import { systemClock } from "@tessera/core";
import { DataDirInUseError, openDatabase } from "@tessera/db";
import { demoOrganizationSlug, neighbourOrganizationSlug, SeedRefusedError, seedDemoData } from "@tessera/demo-data";
import { ConfigError, loadConfig, teamSettings } from "./config.ts";
import { createLogger } from "./log.ts";
import { createMaintenance } from "./maintenance.ts";
import { createNotifier } from "./notifications/notifier.ts";
import { createApp } from "./server.ts";

async function main(): Promise<void> {
  const bootLog = createLogger("info");
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      bootLog.error("invalid configuration", { problem: error.message });
      process.exit(2);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  const started = performance.now();

  let db: Awaited<ReturnType<typeof openDatabase>>;
  try {
    db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  } catch (error) {
    if (error instanceof DataDirInUseError) {
      logger.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  logger.info("database opened", { kind: db.kind, location: db.location });
  const applied = await db.migrate();
  logger.info("migrations applied", { applied, count: applied.length });
  if (config.seedDemoData) {
    try {
      if (await seedDemoData(db.prisma)) {
        logger.info("demo data loaded", { organizations: [demoOrganizationSlug, neighbourOrganizationSlug] });
      }
    } catch (error) {
      // Refused, not fatal: the database is someone's real data, which Tessera serves untouched.
      if (!(error instanceof SeedRefusedError)) throw error;
      logger.error(error.message);
    }
  }

  const app = createApp({
    prisma: db.prisma,
    logger,
    secureCookies: config.secureCookies,
    trustedProxyHops: config.trustedProxyHops,
    verificationSettings: config.verification,
    listenUrl: config.databaseUrl,
    metricsToken: config.metricsToken,
    sessionPolicy: { lifetimeMs: config.sessionLifetimeMs, idleMs: config.sessionIdleMs },
    team: teamSettings(config),
  });
  // An empty database: the one way in is this link, printed once per start (a new token each time).
  const setupUrl = await app.openSetup();
  if (setupUrl) {
    logger.info("This Tessera has no owner yet: open the setup link to create the first owner and organization", {
      setupUrl,
    });
  }
  const notifier = createNotifier({ prisma: db.prisma, clock: systemClock, logger, settings: config.notifications });
  const maintenance = createMaintenance({
    prisma: db.prisma,
    clock: systemClock,
    logger,
    settings: config.maintenance,
    intervalSeconds: config.notifications.intervalSeconds,
  });
  const server = createServer((req, res) => void app.handle(req, res));
  server.listen(config.port, config.host, () => {
    const address = server.address();
    const port = typeof address === "object" && address ? address.port : config.port;
    logger.info("Tessera is ready", {
      graphql: `http://localhost:${port}/graphql`,
      health: `http://localhost:${port}/healthz`,
      startupMs: Math.round(performance.now() - started),
    });
    notifier.start();
    maintenance.start();
  });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info("shutting down", { signal });
    server.closeIdleConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    // After the server stopped taking requests: write the usage counted so far, then close the database.
    await app.close();
    await notifier.stop();
    await maintenance.stop();
    await db.close();
    logger.info("stopped");
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}

await main();
