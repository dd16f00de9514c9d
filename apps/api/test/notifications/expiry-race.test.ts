import { type Database, openDatabase } from "@tessera/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useHarness } from "../support/harness.ts";
import { databaseUrl } from "../support/postgres-urls.ts";
import { type SmtpPeer, startSmtpPeer } from "../support/smtp-peer.ts";
import { dayMs, notifierFor, SetClock, stopNotifiers } from "./support.ts";

const h = useHarness();
let smtp: SmtpPeer;
/** A second server instance's connection pool to the same database (PostgreSQL only). */
let second: Database | undefined;

beforeAll(async () => {
  smtp = await startSmtpPeer();
  if (process.env.TEST_DB === "postgres") second = await openDatabase({ databaseUrl: databaseUrl(h.db.name) });
});
afterAll(async () => {
  await stopNotifiers();
  await second?.close();
  await smtp?.close();
});

describe("two schedulers at once", () => {
  it("send one message per milestone and recipient", async () => {
    const org = await h.newOrganization();
    const base = Date.now();
    const keys = await Promise.all(
      [10, 20, 40, 50, 100, 120].map((days) => org.keyClient({ expiresAt: new Date(base + days * dayMs) })),
    );
    const clock = new SetClock(new Date(base));
    // Two instances: on PostgreSQL two separate pools (as two processes would have); on PGlite two
    // notifiers over the one embedded database.
    const a = notifierFor(h.db.prisma, clock, smtp.url);
    const b = notifierFor(second?.prisma ?? h.db.prisma, clock, smtp.url);

    for (const daysLater of [0, 12, 25, 40]) {
      clock.set(new Date(base + daysLater * dayMs));
      await Promise.all([a.runOnce(), b.runOnce(), a.runOnce(), b.runOnce()]);
    }

    const recipients = [org.users.OWNER.email, org.users.ADMIN.email];
    const received = smtp.received.map((m) => `${m.envelopeTo.join()} ${m.mail.subject}`);
    expect(new Set(received).size).toBe(received.length);
    const notices = await h.db.prisma.expiryNotice.findMany({
      where: { apiKeyId: { in: keys.map((k) => k.key.id) } },
      include: { outboxMessage: true },
    });
    expect(received).toHaveLength(notices.length);
    expect(notices.every((n) => n.sentAt && n.outboxMessage?.status === "SENT" && n.outboxMessage.attempts === 1)).toBe(
      true,
    );
    // Every key reached at least one milestone, for both recipients.
    for (const { key } of keys) {
      for (const email of recipients) {
        expect(smtp.received.some((m) => m.envelopeTo.includes(email) && m.mail.subject?.includes(key.name))).toBe(
          true,
        );
      }
    }
  });
});
