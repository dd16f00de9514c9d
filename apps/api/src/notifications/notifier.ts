import {
  type Clock,
  type DeliveryReport,
  deliverDueMessages,
  type ExpiryPassReport,
  type RetryPolicy,
  runExpiryPass,
  type Sender,
} from "@tessera/core";
import type { PrismaClient } from "@tessera/db";
import type { Logger } from "../log.ts";
import { createMailSender } from "./mailer.ts";
import { createWebhookSender } from "./webhook-sender.ts";

export type NotifierSettings = {
  /** Seconds between expiry passes. */
  intervalSeconds: number;
  smtpUrl: string | undefined;
  mailFrom: string;
  publicUrl: string;
  webhookAllowPrivateNetworks: boolean;
};

export type NotifierOptions = {
  prisma: PrismaClient;
  clock: Clock;
  logger: Logger;
  settings: NotifierSettings;
  policy?: RetryPolicy;
};

/** The first pass runs this soon after start, once the server is listening. */
const firstPassDelayMs = 5_000;
/** The outbox is polled at least this often, so retries do not wait for the next expiry pass. */
const maxDeliveryIntervalMs = 15_000;

/**
 * Expiry reminders and outbox delivery inside the server. `runOnce` is one full round (record due
 * milestones, then deliver what is due); `start` runs rounds on timers until `stop`. Tests drive
 * `runOnce` themselves and never start the timers.
 */
export function createNotifier(options: NotifierOptions) {
  const { prisma, clock, logger, settings } = options;
  const mail = settings.smtpUrl ? createMailSender({ smtpUrl: settings.smtpUrl, mailFrom: settings.mailFrom }) : null;
  const senders: Partial<Record<"EMAIL" | "WEBHOOK", Sender>> = {
    WEBHOOK: createWebhookSender({ prisma, clock, allowPrivateNetworks: settings.webhookAllowPrivateNetworks }),
    ...(mail ? { EMAIL: mail.send } : {}),
  };

  async function runExpiry(): Promise<ExpiryPassReport> {
    return runExpiryPass({ prisma, clock, emailEnabled: mail !== null, publicUrl: settings.publicUrl });
  }

  async function deliver(): Promise<DeliveryReport> {
    return deliverDueMessages({ prisma, clock, senders, policy: options.policy });
  }

  async function runOnce(): Promise<{ expiry: ExpiryPassReport; delivery: DeliveryReport }> {
    const expiry = await runExpiry();
    const delivery = await deliver();
    return { expiry, delivery };
  }

  let timers: NodeJS.Timeout[] = [];
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;

  /** Runs one step after the previous one finished, so steps never overlap within one process. */
  function schedule(name: string, step: () => Promise<unknown>) {
    if (stopped) return;
    running = running.then(async () => {
      if (stopped) return;
      try {
        const report = await step();
        // Quiet rounds are the norm: only rounds that did something reach the info log.
        const busy = JSON.stringify(report).match(/"\w+":[1-9]/);
        logger[busy ? "info" : "debug"](`notifications: ${name}`, { report });
      } catch (error) {
        logger.error(`notifications: ${name} failed`, {
          error: error instanceof Error ? error.message : String(error),
        });
      }
    });
  }

  return {
    runOnce,
    runExpiry,
    deliver,
    start() {
      if (!mail) {
        logger.warn("email delivery is off", {
          reason: "SMTP_URL is not set",
          effect: "expiry notices are recorded, but no email is sent",
        });
      }
      const intervalMs = settings.intervalSeconds * 1000;
      const deliveryMs = Math.min(intervalMs, maxDeliveryIntervalMs);
      timers = [
        setTimeout(() => schedule("expiry pass", runOnce), Math.min(firstPassDelayMs, intervalMs)),
        setInterval(() => schedule("expiry pass", runOnce), intervalMs),
        setInterval(() => schedule("delivery", deliver), deliveryMs),
      ];
      for (const timer of timers) timer.unref();
    },
    /** Stops the timers and waits for a round in progress, so the database can be closed after. */
    async stop() {
      stopped = true;
      for (const timer of timers) clearTimeout(timer);
      await running;
      mail?.close();
    },
  };
}

export type Notifier = ReturnType<typeof createNotifier>;
