import {
  applyRetention,
  type Clock,
  type RetentionReport,
  rollUpUsage,
  slideUsageWindows,
  type UsageRollupReport,
  type UsageWindowSlideReport,
} from "@tessera/core";
import type { PrismaClient } from "@tessera/db";
import type { MaintenanceSettings } from "./config.ts";
import type { Logger } from "./log.ts";

export type MaintenanceOptions = {
  prisma: PrismaClient;
  clock: Clock;
  logger: Logger;
  settings: MaintenanceSettings;
  /** Seconds between rounds (TESSERA_SCHEDULER_INTERVAL, shared with the expiry pass). */
  intervalSeconds: number;
};

/** The first round runs this long after start, once start-up traffic has settled. */
const firstRoundDelayMs = 30_000;

/**
 * Keeps growing tables in bounds inside the server: each round rolls up usage past the hourly
 * retention, moves the keys' 30-day running totals on to today, then prunes finished records past theirs, both in small batches (a round does at most a
 * bounded amount of work; a backlog spreads over rounds). Rounds never overlap within a process; across
 * instances the rollup takes an advisory lock and retention deletes are safe to run twice.
 */
export function createMaintenance(options: MaintenanceOptions) {
  const { prisma, clock, logger, settings } = options;

  async function runOnce(): Promise<{
    usage: UsageRollupReport;
    usageWindows: UsageWindowSlideReport;
    retention: RetentionReport;
  }> {
    const usage = await rollUpUsage({ prisma, clock, hourlyRetentionDays: settings.hourlyUsageRetentionDays });
    const usageWindows = await slideUsageWindows({ prisma, clock });
    const retention = await applyRetention({ prisma, clock, settings: settings.retention });
    return { usage, usageWindows, retention };
  }

  let timers: NodeJS.Timeout[] = [];
  let running: Promise<unknown> | null = null;
  let stopped = false;

  function round() {
    if (stopped || running) return;
    running = runOnce()
      .then((report) => {
        const busy =
          report.usage.rolledUp > 0 ||
          report.usageWindows.moved > 0 ||
          Object.values(report.retention).some((n) => n > 0);
        logger[busy ? "info" : "debug"]("maintenance: round", { report });
      })
      .catch((error: unknown) => {
        logger.error("maintenance: round failed", { error: error instanceof Error ? error.message : String(error) });
      })
      .finally(() => {
        running = null;
      });
  }

  return {
    runOnce,
    start() {
      const intervalMs = options.intervalSeconds * 1000;
      timers = [setTimeout(round, Math.min(firstRoundDelayMs, intervalMs)), setInterval(round, intervalMs)];
      for (const timer of timers) timer.unref();
    },
    /** Stops the timers and waits for a round in progress, so the database can be closed after. */
    async stop() {
      stopped = true;
      for (const timer of timers) clearTimeout(timer);
      await running;
    },
  };
}

export type Maintenance = ReturnType<typeof createMaintenance>;
