import { Prisma, type PrismaClient } from "@tessera/db";
import type { Clock } from "../clock.ts";

const dayMs = 86_400_000;

/** How long finished records are kept, in days; 0 keeps them forever. */
export type RetentionSettings = {
  /** Outbox messages delivered (SENT), counted from when they were queued. */
  outboxSentDays: number;
  /** Outbox messages given up on (FAILED), counted from when they were queued. */
  outboxFailedDays: number;
  /** Sessions after they ended (their absolute end, or the idle timeout after their last request). */
  endedSessionDays: number;
  /** The session idle timeout, to tell when an unused session ended. */
  sessionIdleMs: number;
  /** Sign-in throttle counters after they expired. */
  signInThrottleDays: number;
  /** Expiry notices and milestones after the expiry date they were about. */
  expiryNoticeDays: number;
  /** Daily usage rows (per key and per organization). 0 by default: kept. */
  usageDailyDays: number;
  /** Audit events. 0 by default: the audit log is never pruned unless asked to. */
  auditDays: number;
};

export const defaultRetention: Omit<RetentionSettings, "sessionIdleMs"> = {
  outboxSentDays: 30,
  outboxFailedDays: 90,
  endedSessionDays: 7,
  signInThrottleDays: 1,
  expiryNoticeDays: 90,
  usageDailyDays: 0,
  auditDays: 0,
};

export type RetentionOptions = {
  prisma: PrismaClient;
  clock: Clock;
  settings: RetentionSettings;
  /** Rows deleted per statement. */
  batchSize?: number;
  /** Statements per kind of record per run at most; the rest waits for the next scheduler round. */
  maxBatches?: number;
};

export type RetentionReport = Record<RetentionRule["name"], number>;

type RetentionRule = { name: (typeof ruleNames)[number]; table: string; where: Prisma.Sql | null };

const ruleNames = [
  "outboxSent",
  "outboxFailed",
  "sessions",
  "signInThrottle",
  "expiryNotices",
  "expiryMilestones",
  "apiKeyUsageDaily",
  "organizationUsageDaily",
  "auditEvents",
] as const;

/** The condition each kind of record is pruned on at `now`; null when its setting keeps it forever. */
function rules(settings: RetentionSettings, now: Date): RetentionRule[] {
  const before = (days: number) => new Date(now.getTime() - days * dayMs);
  const when = (days: number, sql: (cutoff: Date) => Prisma.Sql) => (days > 0 ? sql(before(days)) : null);
  return [
    {
      name: "outboxSent",
      table: "OutboxMessage",
      where: when(settings.outboxSentDays, (c) => Prisma.sql`"status" = 'SENT' AND "createdAt" < ${c}`),
    },
    {
      name: "outboxFailed",
      table: "OutboxMessage",
      where: when(settings.outboxFailedDays, (c) => Prisma.sql`"status" = 'FAILED' AND "createdAt" < ${c}`),
    },
    {
      name: "sessions",
      table: "Session",
      where: when(
        settings.endedSessionDays,
        (c) => Prisma.sql`("expiresAt" < ${c} OR "lastSeenAt" < ${new Date(c.getTime() - settings.sessionIdleMs)})`,
      ),
    },
    {
      name: "signInThrottle",
      table: "SignInThrottle",
      where: when(settings.signInThrottleDays, (c) => Prisma.sql`"expire" < ${c}`),
    },
    {
      name: "expiryNotices",
      table: "ExpiryNotice",
      where: when(settings.expiryNoticeDays, (c) => Prisma.sql`"keyExpiresAt" < ${c}`),
    },
    {
      name: "expiryMilestones",
      table: "KeyExpiryMilestone",
      where: when(settings.expiryNoticeDays, (c) => Prisma.sql`"keyExpiresAt" < ${c}`),
    },
    {
      name: "apiKeyUsageDaily",
      table: "ApiKeyUsageDaily",
      where: when(settings.usageDailyDays, (c) => Prisma.sql`"day" < ${c}`),
    },
    {
      name: "organizationUsageDaily",
      table: "OrganizationUsageDaily",
      where: when(settings.usageDailyDays, (c) => Prisma.sql`"day" < ${c}`),
    },
    {
      name: "auditEvents",
      table: "AuditEvent",
      where: when(settings.auditDays, (c) => Prisma.sql`"createdAt" < ${c}`),
    },
  ];
}

/**
 * Deletes finished records past their retention, a small batch per statement (each its own
 * transaction, so no long lock and no long transaction), up to `maxBatches` per kind per run. Safe on
 * several instances at once: a row is deleted by whichever statement reaches it first. The audit log
 * is left alone unless `auditDays` is set.
 */
export async function applyRetention(options: RetentionOptions): Promise<RetentionReport> {
  const batchSize = options.batchSize ?? 1_000;
  const maxBatches = options.maxBatches ?? 10;
  const report = Object.fromEntries(ruleNames.map((name) => [name, 0])) as RetentionReport;
  for (const rule of rules(options.settings, options.clock.now())) {
    if (!rule.where) continue;
    const table = Prisma.raw(`"${rule.table}"`);
    for (let batch = 0; batch < maxBatches; batch++) {
      // ctid: every table has one, whatever its key; the ARRAY is read before the delete starts.
      const deleted = await options.prisma.$executeRaw`
        DELETE FROM ${table} WHERE ctid = ANY(ARRAY(SELECT ctid FROM ${table} WHERE ${rule.where} LIMIT ${batchSize}))`;
      report[rule.name] += deleted;
      if (deleted < batchSize) break;
    }
  }
  return report;
}
