import type { PrismaClient } from "@tessera/db";
import type { Clock } from "../clock.ts";
import {
  type AttemptResult,
  type ClaimedMessage,
  claimDueMessages,
  defaultRetryPolicy,
  type OutboxKind,
  type RetryPolicy,
  recordAttempt,
} from "./outbox.ts";

/** Sends one message. Resolves only once the receiver accepted it; rejects (or returns ok: false) otherwise. */
export type Sender = (message: ClaimedMessage) => Promise<AttemptResult>;

export type DeliveryOptions = {
  prisma: PrismaClient;
  clock: Clock;
  /** One sender per kind; kinds without a sender stay queued. */
  senders: Partial<Record<OutboxKind, Sender>>;
  policy?: RetryPolicy;
  /** Messages claimed per round. */
  batchSize?: number;
};

export type DeliveryReport = { sent: number; retrying: number; failed: number };

/**
 * Delivers every due message once: claims a batch, sends each, records each outcome, and repeats
 * until nothing is due. A message is marked SENT only after its receiver accepted it; a crash in
 * between leaves it claimed until the lease ends, then it is sent again (at most one duplicate per
 * crash, never a loss).
 */
export async function deliverDueMessages(options: DeliveryOptions): Promise<DeliveryReport> {
  const policy = options.policy ?? defaultRetryPolicy;
  const kinds = (Object.keys(options.senders) as OutboxKind[]).filter((k) => options.senders[k]);
  const report: DeliveryReport = { sent: 0, retrying: 0, failed: 0 };
  // Failed attempts move their message into the future, so this ends; the cap only guards a
  // clock that does not move.
  for (let round = 0; round < 100; round++) {
    const batch = await claimDueMessages(options.prisma, {
      now: options.clock.now(),
      kinds,
      limit: options.batchSize ?? 20,
      leaseMs: policy.leaseMs,
    });
    if (batch.length === 0) break;
    for (const message of batch) {
      const result = await attempt(options.senders[message.kind] as Sender, message);
      await recordAttempt(options.prisma, message, result, { now: options.clock.now(), policy });
      if (result.ok) report.sent++;
      else if (result.permanent || message.attempts >= policy.maxAttempts) report.failed++;
      else report.retrying++;
    }
  }
  return report;
}

async function attempt(send: Sender, message: ClaimedMessage): Promise<AttemptResult> {
  try {
    return await send(message);
  } catch (error) {
    const responseCode = (error as { responseCode?: unknown }).responseCode;
    return {
      ok: false,
      error: error instanceof Error ? error.message : String(error),
      responseCode: typeof responseCode === "number" ? responseCode : null,
    };
  }
}
