import type { Clock, RetryPolicy } from "@tessera/core";
import type { PrismaClient } from "@tessera/db";
import { silentLogger } from "../../src/log.ts";
import { createNotifier } from "../../src/notifications/notifier.ts";

export const dayMs = 86_400_000;
export const publicUrl = "https://tessera.example.test";

/** A clock the test sets explicitly, for the scheduler (sessions keep the harness clock). */
export class SetClock implements Clock {
  constructor(private at: Date = new Date()) {}
  now(): Date {
    return new Date(this.at);
  }
  set(at: Date): void {
    this.at = new Date(at);
  }
  advance(ms: number): void {
    this.at = new Date(this.at.getTime() + ms);
  }
}

/** Short waits, few attempts: the tests move the clock past each delay instead of sleeping. */
export const testPolicy: RetryPolicy = { baseDelayMs: 60_000, maxDelayMs: 600_000, maxAttempts: 3, leaseMs: 120_000 };

const started = new Set<{ stop(): Promise<void> }>();

/** Closes every notifier's SMTP connections; call in afterAll. */
export async function stopNotifiers(): Promise<void> {
  for (const notifier of started) await notifier.stop();
  started.clear();
}

export function notifierFor(
  prisma: PrismaClient,
  clock: Clock,
  smtpUrl: string | undefined,
  webhookAllowPrivateNetworks = true,
) {
  const notifier = createNotifier({
    prisma,
    clock,
    logger: silentLogger,
    settings: {
      intervalSeconds: 60,
      smtpUrl,
      mailFrom: "Tessera <tessera@example.test>",
      publicUrl,
      webhookAllowPrivateNetworks,
    },
    policy: testPolicy,
  });
  started.add(notifier);
  return notifier;
}
