import { randomBytes } from "node:crypto";
import { applyRetention, defaultRetention, generateSessionToken, type RetentionSettings } from "@tessera/core";
import { beforeAll, describe, expect, it } from "vitest";
import { silentLogger } from "../../src/log.ts";
import { createMaintenance } from "../../src/maintenance.ts";
import { type OrgFixture, useHarness } from "../support/harness.ts";
import { dayMs, keyOf, stoppedClock } from "./support.ts";

const h = useHarness();

const now = new Date();
const ago = (days: number) => new Date(now.getTime() - days * dayMs);
const settings: RetentionSettings = { ...defaultRetention, sessionIdleMs: 60 * 60_000 };

let org: OrgFixture;
/** Ids of what each kind of record must keep, and of what it must prune. */
const kept: Record<string, string[]> = {};
const pruned: Record<string, string[]> = {};

async function outbox(status: "PENDING" | "SENT" | "FAILED", createdDaysAgo: number) {
  const message = await h.db.prisma.outboxMessage.create({
    data: {
      organizationId: org.org.id,
      kind: "WEBHOOK",
      status,
      payload: {},
      nextAttemptAt: ago(createdDaysAgo),
      createdAt: ago(createdDaysAgo),
      sentAt: status === "SENT" ? ago(createdDaysAgo) : null,
    },
  });
  return message.id;
}

async function session(expiresDaysAgo: number, lastSeenDaysAgo: number) {
  const { hash } = generateSessionToken();
  const row = await h.db.prisma.session.create({
    data: {
      tokenHash: hash,
      userId: org.users.VIEWER.id,
      expiresAt: ago(expiresDaysAgo),
      lastSeenAt: ago(lastSeenDaysAgo),
    },
  });
  return row.id;
}

async function throttle(expiredDaysAgo: number | null) {
  const key = `test:${randomBytes(6).toString("hex")}`;
  await h.db.prisma.signInThrottle.create({
    data: { key, points: 3, expire: expiredDaysAgo === null ? null : ago(expiredDaysAgo) },
  });
  return key;
}

async function notice(keyId: string, keyExpiredDaysAgo: number) {
  const row = await h.db.prisma.expiryNotice.create({
    data: {
      apiKeyId: keyId,
      recipientUserId: org.users.OWNER.id,
      milestone: "EXPIRED",
      keyExpiresAt: ago(keyExpiredDaysAgo),
    },
  });
  await h.db.prisma.keyExpiryMilestone.create({
    data: {
      apiKeyId: keyId,
      keyExpiresAt: ago(keyExpiredDaysAgo),
      milestone: "EXPIRED",
      reachedAt: ago(keyExpiredDaysAgo),
    },
  });
  return row.id;
}

async function audit(daysAgo: number) {
  const row = await h.db.prisma.auditEvent.create({
    data: {
      organizationId: org.org.id,
      action: "api_key.created",
      actorLabel: "someone",
      targetType: "ApiKey",
      createdAt: ago(daysAgo),
    },
  });
  return row.id;
}

beforeAll(async () => {
  org = await h.newOrganization();
  const key = await keyOf(org);
  // "ended" sessions: past their absolute end, or idle (an hour here) for longer than the retention.
  kept.outbox = [await outbox("SENT", 29), await outbox("FAILED", 89), await outbox("PENDING", 400)];
  pruned.outbox = [await outbox("SENT", 31), await outbox("SENT", 200), await outbox("FAILED", 91)];
  // The fixture's own signed-in session is current: kept.
  const signedIn = await h.db.prisma.session.findMany({ where: { userId: org.users.VIEWER.id }, select: { id: true } });
  kept.sessions = [...signedIn.map((s) => s.id), await session(-5, 0), await session(6, 6), await session(-5, 6.9)];
  pruned.sessions = [await session(8, 0), await session(-5, 7.1), await session(100, 100)];
  kept.throttle = [await throttle(0.5), await throttle(-1), await throttle(null)];
  pruned.throttle = [await throttle(1.5), await throttle(30)];
  kept.notices = [await notice(key, 89), await notice(key, -10)];
  pruned.notices = [await notice(key, 91), await notice(key, 365)];
  kept.audit = [await audit(0), await audit(400), await audit(3650)];
});

async function present() {
  const prisma = h.db.prisma;
  const ids = <T extends { id: string }>(rows: T[]) => rows.map((r) => r.id).sort();
  return {
    outbox: ids(await prisma.outboxMessage.findMany({ where: { organizationId: org.org.id }, select: { id: true } })),
    sessions: ids(await prisma.session.findMany({ where: { userId: org.users.VIEWER.id }, select: { id: true } })),
    throttle: (await prisma.signInThrottle.findMany({ where: { key: { startsWith: "test:" } } }))
      .map((r) => r.key)
      .sort(),
    notices: ids(await prisma.expiryNotice.findMany({ select: { id: true } })),
    audit: ids(await prisma.auditEvent.findMany({ where: { organizationId: org.org.id }, select: { id: true } })),
  };
}

describe("retention", () => {
  it("prunes what is past its retention in batches, keeps the rest, and never touches the audit log by default", async () => {
    const first = await applyRetention({
      prisma: h.db.prisma,
      clock: stoppedClock(now),
      settings,
      batchSize: 1,
      maxBatches: 1,
    });
    // One batch of one row per kind in this run: the rest waits for the next round.
    expect(first).toMatchObject({ outboxSent: 1, outboxFailed: 1, sessions: 1, signInThrottle: 1, expiryNotices: 1 });
    expect(first.auditEvents).toBe(0);

    const maintenance = createMaintenance({
      prisma: h.db.prisma,
      clock: stoppedClock(now),
      logger: silentLogger,
      settings: { hourlyUsageRetentionDays: 35, retention: settings },
      intervalSeconds: 300,
    });
    const round = await maintenance.runOnce();
    expect(round.retention).toMatchObject({ outboxSent: 1, sessions: 2, signInThrottle: 1, expiryNotices: 1 });

    const after = await present();
    const expected = (kind: string) => [...(kept[kind] ?? [])].sort();
    expect(after.outbox).toEqual(expected("outbox"));
    expect(after.sessions).toEqual(expected("sessions"));
    expect(after.throttle).toEqual(expected("throttle"));
    expect(after.notices).toEqual(expected("notices"));
    expect(after.audit).toEqual(expected("audit"));
    expect(await h.db.prisma.keyExpiryMilestone.count({ where: { keyExpiresAt: { lt: ago(90) } } })).toBe(0);
    expect(await h.db.prisma.keyExpiryMilestone.count()).toBe(2);

    expect(await applyRetention({ prisma: h.db.prisma, clock: stoppedClock(now), settings })).toEqual(
      Object.fromEntries(Object.keys(first).map((name) => [name, 0])),
    );
  });

  it("prunes the audit log and daily usage only when their retention is set", async () => {
    const prisma = h.db.prisma;
    const key = await keyOf(org);
    await prisma.apiKeyUsageDaily.create({
      data: { apiKeyId: key, organizationId: org.org.id, day: ago(800), code: "VALID", count: 5n },
    });
    await prisma.organizationUsageDaily.create({
      data: { organizationId: org.org.id, day: ago(800), code: "VALID", count: 5n },
    });
    const kept = await applyRetention({ prisma, clock: stoppedClock(now), settings });
    expect(kept).toMatchObject({ auditEvents: 0, apiKeyUsageDaily: 0, organizationUsageDaily: 0 });

    const report = await applyRetention({
      prisma,
      clock: stoppedClock(now),
      settings: { ...settings, auditDays: 365, usageDailyDays: 400 },
    });
    expect(report).toMatchObject({ auditEvents: 2, apiKeyUsageDaily: 1, organizationUsageDaily: 1 });
    expect(await prisma.auditEvent.count({ where: { organizationId: org.org.id } })).toBe(1);
  });
});
