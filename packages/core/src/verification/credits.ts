import type { PrismaClient } from "@tessera/db";
import { enqueueApiKeyEvent } from "../webhooks/events.ts";
import { creditPeriodStart } from "./credit-period.ts";
import type { KeyEntry } from "./entry.ts";

/** The outcome of spending: whether the verification may pass, and what is left afterwards. */
export type CreditSpend = { ok: boolean; remaining: number };

type KeyCredits = NonNullable<KeyEntry["credits"]>;

/**
 * Usage credits in the database, exact under any concurrency and on any number of instances: one
 * conditional UPDATE spends `cost` only when that many are left (PostgreSQL row locks serialize
 * concurrent spends of one key, so the last credit is never spent twice), applying a due refill in
 * the same statement. A refill SETS `remaining` to the refill amount (it does not add) once per
 * period: `refilledFor` records the period, so a second refill of the same period does nothing.
 * Cost 0 checks that a credit is left without spending one. Only keys with credits reach this.
 */
export class CreditStore {
  /** Keys (and the period) this instance already reported as exhausted: no write per refusal. */
  private readonly reported = new Map<string, number>();

  constructor(
    private readonly prisma: PrismaClient,
    private readonly onError: (error: unknown) => void = () => {},
  ) {}

  async spend(keyId: string, credits: KeyCredits, cost: number, now: Date): Promise<CreditSpend> {
    const period = creditPeriodStart(credits.refill, now);
    const rows = await this.prisma.$queryRaw<{ remaining: number }[]>`
      UPDATE "ApiKeyCredits" SET
        remaining = (CASE WHEN "refillAmount" IS NOT NULL AND ("refilledFor" IS NULL OR "refilledFor" < ${period})
                     THEN "refillAmount" ELSE remaining END) - ${cost}::int,
        "refilledFor" = CASE WHEN "refillAmount" IS NOT NULL AND ("refilledFor" IS NULL OR "refilledFor" < ${period})
                        THEN ${period} ELSE "refilledFor" END
      WHERE "apiKeyId" = ${keyId}::uuid
        AND (CASE WHEN "refillAmount" IS NOT NULL AND ("refilledFor" IS NULL OR "refilledFor" < ${period})
             THEN "refillAmount" ELSE remaining END) >= GREATEST(${cost}::int, 1)
      RETURNING remaining`;
    const spent = rows[0];
    if (spent) {
      if (spent.remaining === 0) this.reportExhausted(keyId, period, now);
      return { ok: true, remaining: spent.remaining };
    }
    const left = await this.prisma.$queryRaw<{ remaining: number }[]>`
      SELECT remaining FROM "ApiKeyCredits" WHERE "apiKeyId" = ${keyId}::uuid`;
    const remaining = left[0]?.remaining ?? 0;
    if (remaining === 0) this.reportExhausted(keyId, period, now);
    return { ok: false, remaining };
  }

  /**
   * `api_key.credits_exhausted`, once per key and period across every instance: the conditional
   * UPDATE of `exhaustedFor` decides who sends it, and the event is queued in the same transaction.
   * Not awaited by the verification (its answer does not depend on it).
   */
  private reportExhausted(keyId: string, period: Date, now: Date): void {
    if (this.reported.get(keyId) === period.getTime()) return;
    this.reported.set(keyId, period.getTime());
    this.prisma
      .$transaction(async (tx) => {
        const claimed = await tx.$executeRaw`
          UPDATE "ApiKeyCredits" SET "exhaustedFor" = ${period}
          WHERE "apiKeyId" = ${keyId}::uuid AND ("exhaustedFor" IS NULL OR "exhaustedFor" < ${period})`;
        if (claimed) {
          await enqueueApiKeyEvent(tx, "api_key.credits_exhausted", keyId, now, { period: period.toISOString() });
        }
      })
      .catch((error) => {
        this.reported.delete(keyId);
        this.onError(error);
      });
  }

  /** Forgets what was reported for this key (its credits were set again). */
  forget(keyId: string): void {
    this.reported.delete(keyId);
  }
}
