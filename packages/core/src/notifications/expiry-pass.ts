import { type ExpiryMilestone, Prisma, type PrismaClient } from "@tessera/db";
import { recordAudit } from "../audit.ts";
import type { Clock } from "../clock.ts";
import { systemActor } from "../viewer.ts";
import { enqueueApiKeyEvent } from "../webhooks/events.ts";
import { renderExpiryEmail } from "./expiry-email.ts";
import { daysLeft, dueExpiryMilestone, expiredNoticeWindowDays, expiryMilestones } from "./milestones.ts";
import type { EmailPayload } from "./outbox.ts";

export type ExpiryPassOptions = {
  prisma: PrismaClient;
  clock: Clock;
  /** Queue an email per notice. Off (no SMTP configured): notices are still recorded, nothing is queued. */
  emailEnabled: boolean;
  /** The web app's address, for the renew link. */
  publicUrl: string;
  /** Keys handled per pass at most; the rest follow in the next pass. */
  limit?: number;
};

export type ExpiryPassReport = { milestones: number; notices: number; emails: number };

type Candidate = { id: string; organizationId: string; expiresAt: Date; milestone: ExpiryMilestone };

const dayMs = 86_400_000;

/**
 * Finds keys whose current milestone has come and has not been recorded for their current expiry
 * date, and records it. Safe to run on any number of instances at once: see `recordMilestone`.
 */
export async function runExpiryPass(options: ExpiryPassOptions): Promise<ExpiryPassReport> {
  const now = options.clock.now();
  const report: ExpiryPassReport = { milestones: 0, notices: 0, emails: 0 };
  for (const candidate of await findDueKeys(options.prisma, now, options.limit ?? 500)) {
    const recorded = await recordMilestone(options, candidate, now);
    if (!recorded) continue;
    report.milestones++;
    report.notices += recorded.notices;
    report.emails += recorded.emails;
  }
  return report;
}

/**
 * Unrevoked keys between 90 days before and a month after expiry whose due milestone (computed in
 * SQL from the same table as `dueExpiryMilestone`) is not yet recorded for this expiry date. The
 * NOT EXISTS keeps each pass cheap: a key shows up again only when its next milestone comes.
 */
async function findDueKeys(prisma: PrismaClient, now: Date, limit: number): Promise<Candidate[]> {
  const cases = Prisma.join(
    expiryMilestones.map(
      (m) => Prisma.sql`WHEN k."expiresAt" <= ${new Date(now.getTime() + m.daysBefore * dayMs)}::timestamptz
        THEN ${m.milestone}::text`,
    ),
    " ",
  );
  const horizon = new Date(now.getTime() + 90 * dayMs);
  const oldest = new Date(now.getTime() - expiredNoticeWindowDays * dayMs);
  const rows = await prisma.$queryRaw<Candidate[]>`
    WITH due AS (
      SELECT k."id", k."organizationId", k."expiresAt", (CASE ${cases} END)::"ExpiryMilestone" AS "milestone"
      FROM "ApiKey" k
      WHERE k."revokedAt" IS NULL
        AND k."expiresAt" <= ${horizon}::timestamptz AND k."expiresAt" >= ${oldest}::timestamptz
    )
    SELECT d."id"::text AS "id", d."organizationId"::text AS "organizationId", d."expiresAt", d."milestone"::text AS "milestone"
    FROM due d
    WHERE NOT EXISTS (
      SELECT 1 FROM "KeyExpiryMilestone" m
      WHERE m."apiKeyId" = d."id" AND m."keyExpiresAt" = d."expiresAt" AND m."milestone" = d."milestone"
    )
    ORDER BY d."expiresAt"
    LIMIT ${limit}`;
  // The SQL and dueExpiryMilestone agree by construction; this keeps the rule in one readable place.
  return rows.filter((r) => dueExpiryMilestone(r.expiresAt, now) === r.milestone);
}

/**
 * Records one milestone for one key, exactly once, in one transaction: the milestone row, a notice
 * per OWNER and ADMIN, an email per notice in the outbox and, on expiry, the audit event. The key's
 * row is locked first and re-read, so a renewal or revocation that commits meanwhile wins (a revoked
 * key gets no further reminder; a renewed one starts over). Two schedulers that reach the same key
 * queue on that lock; the second finds the milestone recorded and does nothing.
 */
async function recordMilestone(options: ExpiryPassOptions, candidate: Candidate, now: Date) {
  return options.prisma.$transaction(async (tx) => {
    const [key] = await tx.$queryRaw<{ revokedAt: Date | null; expiresAt: Date }[]>`
      SELECT "revokedAt", "expiresAt" FROM "ApiKey" WHERE "id" = ${candidate.id}::uuid FOR UPDATE`;
    if (!key || key.revokedAt || key.expiresAt.getTime() !== candidate.expiresAt.getTime()) return null;
    const inserted = await tx.keyExpiryMilestone.createManyAndReturn({
      data: [{ apiKeyId: candidate.id, keyExpiresAt: key.expiresAt, milestone: candidate.milestone, reachedAt: now }],
      skipDuplicates: true,
      select: { id: true },
    });
    if (inserted.length === 0) return null;

    const apiKey = await tx.apiKey.findUniqueOrThrow({
      where: { id: candidate.id },
      select: { id: true, name: true, hint: true, organization: { select: { name: true } } },
    });
    const recipients = await tx.membership.findMany({
      where: { organizationId: candidate.organizationId, role: { in: ["OWNER", "ADMIN"] } },
      select: { user: { select: { id: true, email: true } } },
      orderBy: { createdAt: "asc" },
    });
    const notices = await tx.expiryNotice.createManyAndReturn({
      data: recipients.map(({ user }) => ({
        apiKeyId: candidate.id,
        recipientUserId: user.id,
        milestone: candidate.milestone,
        keyExpiresAt: key.expiresAt,
        claimedAt: now,
      })),
      skipDuplicates: true,
      select: { id: true, recipientUserId: true },
    });

    let emails = 0;
    if (options.emailEnabled && notices.length > 0) {
      const content = renderExpiryEmail({
        organizationName: apiKey.organization.name,
        keyId: apiKey.id,
        keyName: apiKey.name,
        keyHint: apiKey.hint,
        expiresAt: key.expiresAt,
        daysLeft: daysLeft(key.expiresAt, now),
        milestone: candidate.milestone,
        publicUrl: options.publicUrl,
      });
      const emailOf = new Map(recipients.map(({ user }) => [user.id, user.email]));
      const { count } = await tx.outboxMessage.createMany({
        data: notices.map((notice) => ({
          organizationId: candidate.organizationId,
          kind: "EMAIL" as const,
          payload: { to: emailOf.get(notice.recipientUserId) ?? "", ...content } satisfies EmailPayload,
          nextAttemptAt: now,
          createdAt: now,
          expiryNoticeId: notice.id,
        })),
      });
      emails = count;
    }

    if (candidate.milestone === "EXPIRED") {
      await recordAudit(tx, {
        organizationId: candidate.organizationId,
        actor: systemActor,
        action: "api_key.expired",
        target: { type: "ApiKey", id: apiKey.id, label: apiKey.name },
        changes: { expiresAt: key.expiresAt.toISOString() },
      });
    }
    const expired = candidate.milestone === "EXPIRED";
    await enqueueApiKeyEvent(tx, expired ? "api_key.expired" : "api_key.expiring", apiKey.id, now, {
      milestone: candidate.milestone,
      daysLeft: daysLeft(key.expiresAt, now),
    });
    return { notices: notices.length, emails };
  });
}
