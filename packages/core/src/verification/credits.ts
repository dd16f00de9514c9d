import type { PrismaClient } from "@tessera/db";
import { enqueueApiKeyEvent } from "../webhooks/events.ts";
import { creditPeriodStart } from "./credit-period.ts";
import type { KeyEntry } from "./entry.ts";
import { type Batch, GroupCommit } from "./group-commit.ts";

/** The outcome of spending: whether the verification may pass, and what is left afterwards. */
export type CreditSpend = { ok: boolean; remaining: number };

type KeyCredits = NonNullable<KeyEntry["credits"]>;
/** What a batch of one key's spends is decided with: the key's credit setting and the time. */
type SpendContext = { credits: KeyCredits; now: Date };

/**
 * Usage credits in the database, exact under any concurrency and on any number of instances: one
 * conditional UPDATE spends only what is left (PostgreSQL's row lock serializes concurrent spends of
 * one key, across instances too, so the last credit is never spent twice), applying a due refill in
 * the same statement. A refill SETS `remaining` to the refill amount (it does not add) once per
 * period: `refilledFor` records the period, so a second refill of the same period does nothing.
 *
 * Spends of one key that arrive while its previous statement runs wait and then go together in the
 * next one (a group commit per key): the statement grants the longest run of them, in arrival order,
 * whose costs fit in what is left (first come, first served: once one does not fit, the later ones
 * of that batch wait for a refill too), so a hot key costs one commit per batch instead of one per
 * verification.
 * Cost 0 checks that a credit is left without spending one. Only keys with credits reach this.
 */
export class CreditStore {
  /** Keys (and the period) this instance already reported as exhausted: no write per refusal. */
  private readonly reported = new Map<string, number>();
  private readonly batches = new GroupCommit<SpendContext, CreditSpend>((keyId, batch) =>
    this.spendBatch(keyId, batch),
  );

  constructor(
    private readonly prisma: PrismaClient,
    private readonly onError: (error: unknown) => void = () => {},
  ) {}

  spend(keyId: string, credits: KeyCredits, cost: number, now: Date): Promise<CreditSpend> {
    return this.batches.submit(keyId, { credits, now }, cost);
  }

  private async spendBatch(keyId: string, { context, waiting }: Batch<SpendContext, CreditSpend>): Promise<void> {
    const { credits, now } = context;
    const period = creditPeriodStart(credits.refill, now);
    // What the batch needs up to each spend, in arrival order; a cost-0 check needs one credit left.
    const needs: number[] = [];
    const spends: number[] = [];
    let spent = 0;
    for (const { cost } of waiting) {
      needs.push(spent + Math.max(cost, 1));
      spent += cost;
      spends.push(spent);
    }
    const rows = await this.prisma.$queryRaw<{ available: number; granted: number }[]>`
      WITH current AS (
        SELECT "apiKeyId",
          "refillAmount" IS NOT NULL AND ("refilledFor" IS NULL OR "refilledFor" < ${period}) AS due,
          CASE WHEN "refillAmount" IS NOT NULL AND ("refilledFor" IS NULL OR "refilledFor" < ${period})
               THEN "refillAmount" ELSE remaining END AS available
        FROM "ApiKeyCredits" WHERE "apiKeyId" = ${keyId}::uuid FOR UPDATE
      ), decided AS (
        SELECT current.*, (SELECT count(*)::int FROM unnest(${needs}::int[]) AS need WHERE need <= current.available
                           ) AS fits
        FROM current
      ), granted AS (
        SELECT decided.*, COALESCE((${spends}::int[])[decided.fits], 0) AS granted FROM decided
      )
      UPDATE "ApiKeyCredits" c SET
        remaining = granted.available - granted.granted,
        "refilledFor" = CASE WHEN granted.due THEN ${period} ELSE c."refilledFor" END
      FROM granted WHERE c."apiKeyId" = granted."apiKeyId"
      RETURNING granted.available, granted.granted`;
    const row = rows[0] ?? { available: 0, granted: 0 };
    // Needs grow with the arrival order, so the spends that fit are exactly the first ones.
    let exhausted = false;
    waiting.forEach((item, index) => {
      const ok = (needs[index] ?? 0) <= row.available && (spends[index] ?? 0) <= row.granted;
      const remaining = ok ? row.available - (spends[index] ?? 0) : row.available - row.granted;
      if (remaining === 0) exhausted = true;
      item.resolve({ ok, remaining });
    });
    if (exhausted) this.reportExhausted(keyId, period, now);
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
