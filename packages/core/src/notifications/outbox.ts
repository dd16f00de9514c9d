import { Prisma, type PrismaClient } from "@tessera/db";

export type OutboxKind = "EMAIL" | "WEBHOOK";

/** An email as the outbox stores it: already rendered, so delivery needs nothing but a transport. */
export type EmailPayload = {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** A one-time token the email carries: removed from the stored message once it is sent. */
  redact?: string;
};

/** The stored copy of a sent email: without the one-time token it carried. */
function withoutSecret(payload: Prisma.JsonValue): Prisma.InputJsonValue | undefined {
  const email = payload as EmailPayload | null;
  if (!email || typeof email !== "object" || typeof email.redact !== "string" || !email.redact) return undefined;
  const scrub = (text: string) => text.split(email.redact as string).join("[link used]");
  return { to: email.to, subject: email.subject, text: scrub(email.text), html: scrub(email.html) };
}

export type ClaimedMessage = {
  id: string;
  organizationId: string;
  kind: OutboxKind;
  payload: Prisma.JsonValue;
  /** This attempt's number (1 for the first); also the fence that makes a stale worker's result void. */
  attempts: number;
  /** WEBHOOK: the endpoint to call. */
  webhookEndpointId: string | null;
  createdAt: Date;
};

/** How often and how patiently delivery retries. */
export type RetryPolicy = {
  /** Delay before the second attempt; doubled for each further one. */
  baseDelayMs: number;
  /** No wait between attempts is longer than this. */
  maxDelayMs: number;
  /** After this many failed attempts the message is kept as FAILED with its last error. */
  maxAttempts: number;
  /**
   * How long a claimed message stays invisible to other workers. It must be longer than one
   * delivery can take (the transports time out well before), so that only a crashed worker's claim expires.
   */
  leaseMs: number;
};

export const defaultRetryPolicy: RetryPolicy = {
  baseDelayMs: 30_000,
  maxDelayMs: 3_600_000,
  maxAttempts: 10,
  leaseMs: 120_000,
};

/** The wait after failed attempt number `attempt` (1-based): base, 2×base, 4×base, … up to the cap. */
export function retryDelayMs(policy: RetryPolicy, attempt: number): number {
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
}

/**
 * Claims up to `limit` due messages of the given kinds. The row locks (FOR UPDATE SKIP LOCKED) make
 * concurrent claimers take disjoint sets, and moving `nextAttemptAt` to the end of a lease keeps the
 * rows away from other workers after this short statement commits — the delivery itself then runs
 * outside any transaction, so a slow SMTP server never holds a database lock (on PGlite, one lock
 * held over the network would stall every request).
 */
export async function claimDueMessages(
  prisma: PrismaClient,
  options: { now: Date; kinds: readonly OutboxKind[]; limit: number; leaseMs: number },
): Promise<ClaimedMessage[]> {
  if (options.kinds.length === 0) return [];
  const leaseUntil = new Date(options.now.getTime() + options.leaseMs);
  const kinds = Prisma.join(options.kinds.map((k) => Prisma.sql`${k}::"OutboxKind"`));
  const claimed = await prisma.$queryRaw<ClaimedMessage[]>`
    UPDATE "OutboxMessage" SET "attempts" = "attempts" + 1, "nextAttemptAt" = ${leaseUntil}::timestamptz
    WHERE "id" IN (
      SELECT "id" FROM "OutboxMessage"
      WHERE "status" = 'PENDING' AND "nextAttemptAt" <= ${options.now}::timestamptz AND "kind" IN (${kinds})
      ORDER BY "nextAttemptAt"
      LIMIT ${options.limit}
      FOR UPDATE SKIP LOCKED
    )
    RETURNING "id"::text AS "id", "organizationId"::text AS "organizationId", "kind"::text AS "kind",
      "payload", "attempts", "webhookEndpointId"::text AS "webhookEndpointId",
      "createdAt"`;
  // RETURNING follows no order: send in the order things happened.
  return claimed.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id));
}

export type AttemptResult =
  | { ok: true; responseCode?: number | null }
  /** `permanent`: retrying cannot help (e.g. the endpoint was disabled); fail at once. */
  | { ok: false; error: string; responseCode?: number | null; permanent?: boolean };

/**
 * Records the outcome of one attempt. Only the worker holding the current claim (same attempt
 * number, still PENDING) can record it, so a worker whose lease ran out cannot overwrite the result
 * of the one that took over. Returns false when the claim was lost.
 */
export async function recordAttempt(
  prisma: PrismaClient,
  message: ClaimedMessage,
  result: AttemptResult,
  options: { now: Date; policy: RetryPolicy },
): Promise<boolean> {
  const claim = { id: message.id, attempts: message.attempts, status: "PENDING" as const };
  if (result.ok) {
    return prisma.$transaction(async (tx) => {
      const { count } = await tx.outboxMessage.updateMany({
        where: claim,
        data: {
          status: "SENT",
          sentAt: options.now,
          lastError: null,
          lastResponseCode: result.responseCode ?? null,
          payload: withoutSecret(message.payload),
        },
      });
      if (count === 0) return false;
      await tx.expiryNotice.updateMany({ where: { outboxMessage: { id: message.id } }, data: { sentAt: options.now } });
      return true;
    });
  }
  const giveUp = result.permanent === true || message.attempts >= options.policy.maxAttempts;
  const { count } = await prisma.outboxMessage.updateMany({
    where: claim,
    data: {
      status: giveUp ? "FAILED" : "PENDING",
      lastError: result.error.slice(0, 1000),
      lastResponseCode: result.responseCode ?? null,
      nextAttemptAt: new Date(options.now.getTime() + retryDelayMs(options.policy, message.attempts)),
    },
  });
  return count > 0;
}
