import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { keyGid, renewMutation, revokeMutation } from "../api-keys/support.ts";
import { type OrgFixture, useHarness } from "../support/harness.ts";
import { type SmtpPeer, startSmtpPeer } from "../support/smtp-peer.ts";
import { dayMs, notifierFor, publicUrl, SetClock, stopNotifiers, testPolicy } from "./support.ts";

const h = useHarness();
let smtp: SmtpPeer;
const orgs: OrgFixture[] = [];

beforeAll(async () => {
  smtp = await startSmtpPeer();
});
afterAll(async () => {
  await stopNotifiers();
  await smtp?.close();
});
beforeEach(() => {
  smtp.received.length = 0;
});
// The scheduler looks at every organization: remove each test's one so the next starts from nothing.
afterEach(async () => {
  for (const org of orgs.splice(0)) await h.db.prisma.organization.delete({ where: { id: org.org.id } });
});

async function organizationWithKey(expiresAt: Date) {
  const org = await h.newOrganization();
  orgs.push(org);
  const { key, secret } = await org.keyClient({ expiresAt });
  return { org, key, secret };
}

const mailsTo = (email: string) => smtp.received.filter((m) => m.envelopeTo.includes(email));

describe("expiry emails", () => {
  it("mail every OWNER and ADMIN once per milestone, with the key's facts and a link to renew it", async () => {
    const expiresAt = new Date(Date.now() + 120 * dayMs);
    const { org, key, secret } = await organizationWithKey(expiresAt);
    const clock = new SetClock(new Date(expiresAt.getTime() - 91 * dayMs));
    const notifier = notifierFor(h.db.prisma, clock, smtp.url);

    await notifier.runOnce();
    expect(smtp.received).toHaveLength(0);

    clock.set(new Date(expiresAt.getTime() - 90 * dayMs + 60_000));
    await notifier.runOnce();
    await notifier.runOnce();
    expect(smtp.received.map((m) => m.envelopeTo).sort()).toEqual([[org.users.ADMIN.email], [org.users.OWNER.email]]);
    const { mail } = mailsTo(org.users.OWNER.email)[0]!;
    expect(mail.subject).toBe(`[${org.org.name}] API key "${key.name}" expires in 90 days`);
    expect(mail.from?.text).toContain("tessera@example.test");
    for (const part of [mail.text ?? "", String(mail.html)]) {
      expect(part).toContain(org.org.name);
      expect(part).toContain(key.name);
      expect(part).toContain(key.hint);
      expect(part).toContain(expiresAt.toISOString().slice(0, 10));
      expect(part).toContain(`${publicUrl}/keys?key=${key.id}`);
      expect(part).not.toContain(secret);
      expect(part).not.toContain(key.hashedKey);
    }
    expect(mail.text).toContain("every request made with it will be refused");

    clock.set(new Date(expiresAt.getTime() - 30 * dayMs));
    await notifier.runOnce();
    await notifier.runOnce();
    expect(mailsTo(org.users.OWNER.email).map((m) => m.mail.subject)).toEqual([
      expect.stringContaining("expires in 90 days"),
      expect.stringContaining("expires in 30 days"),
    ]);
    expect(mailsTo(org.users.ADMIN.email)).toHaveLength(2);
    expect(mailsTo(org.users.EDITOR.email)).toHaveLength(0);
    expect(mailsTo(org.users.VIEWER.email)).toHaveLength(0);
    const notices = await h.db.prisma.expiryNotice.findMany({ where: { apiKeyId: key.id } });
    expect(notices).toHaveLength(4);
    expect(notices.every((n) => n.sentAt !== null)).toBe(true);
  });

  it("after a pause sends only the latest milestone that passed, once", async () => {
    const expiresAt = new Date(Date.now() + 60 * dayMs);
    const { org, key } = await organizationWithKey(expiresAt);
    const clock = new SetClock(new Date(expiresAt.getTime() - 3 * dayMs));
    const notifier = notifierFor(h.db.prisma, clock, smtp.url);

    await notifier.runOnce();
    await notifier.runOnce();
    expect(mailsTo(org.users.OWNER.email).map((m) => m.mail.subject)).toEqual([
      expect.stringContaining("expires in 3 days"),
    ]);
    const milestones = await h.db.prisma.expiryNotice.findMany({
      where: { apiKeyId: key.id },
      distinct: ["milestone"],
    });
    expect(milestones.map((n) => n.milestone)).toEqual(["DAYS_7"]);
  });

  it("on expiry record an audit event by the system and send the 'has expired' email, once", async () => {
    const expiresAt = new Date(Date.now() + 2 * dayMs);
    const { org, key } = await organizationWithKey(expiresAt);
    const clock = new SetClock(new Date(expiresAt.getTime() + 60_000));
    const notifier = notifierFor(h.db.prisma, clock, smtp.url);

    await notifier.runOnce();
    clock.advance(dayMs);
    await notifier.runOnce();
    const mails = mailsTo(org.users.ADMIN.email);
    expect(mails.map((m) => m.mail.subject)).toEqual([`[${org.org.name}] API key "${key.name}" has expired`]);
    expect(mails[0]?.mail.text).toContain("cannot be renewed");
    const events = await h.db.prisma.auditEvent.findMany({ where: { targetId: key.id, action: "api_key.expired" } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorUserId: null, actorApiKeyId: null, actorLabel: "system" });

    // What admins see over GraphQL: the audit event by the system, and the notices on the key.
    const seen = await org.as.ADMIN.gql(
      `query($slug: String!, $id: ID!) {
        organization(slug: $slug) { auditEvents(filter: { actions: [API_KEY_EXPIRED] }) { nodes { actorType actorLabel } } }
        node(id: $id) { ... on ApiKey { expiryNotices { milestone recipient { email } keyExpiresAt sentAt deliveryStatus } } }
      }`,
      { slug: org.org.slug, id: keyGid(key.id) },
    );
    expect(seen.data?.organization.auditEvents.nodes).toEqual([{ actorType: "SYSTEM", actorLabel: "system" }]);
    const notices = seen.data?.node.expiryNotices as { recipient: { email: string } }[];
    expect(notices.map((n) => n.recipient.email).sort()).toEqual([org.users.ADMIN.email, org.users.OWNER.email].sort());
    expect(notices[0]).toMatchObject({
      milestone: "EXPIRED",
      keyExpiresAt: expiresAt.toISOString(),
      sentAt: expect.any(String),
      deliveryStatus: "SENT",
    });
    // A key that may read keys sees the notices, but not whom they went to.
    const reader = (await org.keyClient({ scopes: ["keys:read"] })).client;
    const asKey = await reader.gql(
      `query($id: ID!) { node(id: $id) { ... on ApiKey { expiryNotices { milestone recipient { email } } } } }`,
      {
        id: keyGid(key.id),
      },
    );
    expect(asKey.data?.node.expiryNotices).toEqual([
      { milestone: "EXPIRED", recipient: null },
      { milestone: "EXPIRED", recipient: null },
    ]);
  });

  it("send a revoked key no further reminder", async () => {
    const expiresAt = new Date(Date.now() + 100 * dayMs);
    const { org, key } = await organizationWithKey(expiresAt);
    const clock = new SetClock(new Date(expiresAt.getTime() - 89 * dayMs));
    const notifier = notifierFor(h.db.prisma, clock, smtp.url);
    await notifier.runOnce();
    expect(mailsTo(org.users.OWNER.email)).toHaveLength(1);

    const revoked = await org.as.ADMIN.gql(revokeMutation, { input: { id: keyGid(key.id) } });
    expect(revoked.data?.revokeApiKey.__typename).toBe("RevokeApiKeyPayload");
    for (const daysBefore of [30, 7, 1, -1]) {
      clock.set(new Date(expiresAt.getTime() - daysBefore * dayMs));
      await notifier.runOnce();
    }
    expect(mailsTo(org.users.OWNER.email)).toHaveLength(1);
    expect(await h.db.prisma.auditEvent.count({ where: { targetId: key.id, action: "api_key.expired" } })).toBe(0);
  });

  it("start over for a renewed key: the old date's milestones never fire, the new date's do", async () => {
    const expiresAt = new Date(Date.now() + 20 * dayMs);
    const { org, key } = await organizationWithKey(expiresAt);
    const clock = new SetClock(new Date());
    const notifier = notifierFor(h.db.prisma, clock, smtp.url);
    await notifier.runOnce();
    expect(mailsTo(org.users.OWNER.email).map((m) => m.mail.subject)).toEqual([
      expect.stringContaining("expires in 20 days"),
    ]);

    const renewed = await org.as.OWNER.gql(renewMutation, { input: { id: keyGid(key.id) } });
    const newExpiry = new Date(renewed.data?.renewApiKey.apiKey.expiresAt);
    clock.set(new Date(expiresAt.getTime() - 7 * dayMs));
    await notifier.runOnce();
    clock.set(new Date(expiresAt.getTime() + dayMs));
    await notifier.runOnce();
    expect(mailsTo(org.users.OWNER.email)).toHaveLength(1);

    clock.set(new Date(newExpiry.getTime() - 90 * dayMs));
    await notifier.runOnce();
    expect(mailsTo(org.users.OWNER.email).map((m) => m.mail.subject)).toEqual([
      expect.stringContaining("expires in 20 days"),
      expect.stringContaining("expires in 90 days"),
    ]);
  });

  it("do not send a deleted key's queued email", async () => {
    const expiresAt = new Date(Date.now() + 5 * dayMs);
    const { org, key } = await organizationWithKey(expiresAt);
    const clock = new SetClock(new Date());
    const notifier = notifierFor(h.db.prisma, clock, smtp.url);
    await notifier.runExpiry();
    expect(await h.db.prisma.outboxMessage.count({ where: { organizationId: org.org.id } })).toBe(2);
    await h.db.prisma.apiKey.delete({ where: { id: key.id } });
    await notifier.deliver();
    expect(mailsTo(org.users.OWNER.email)).toHaveLength(0);
    expect(await h.db.prisma.outboxMessage.count({ where: { organizationId: org.org.id } })).toBe(0);
  });

  it("without SMTP record the notices and queue nothing", async () => {
    const expiresAt = new Date(Date.now() + 5 * dayMs);
    const { org, key } = await organizationWithKey(expiresAt);
    const notifier = notifierFor(h.db.prisma, new SetClock(new Date()), undefined);
    const { expiry } = await notifier.runOnce();
    expect(expiry).toMatchObject({ milestones: 1, notices: 2, emails: 0 });
    expect(await h.db.prisma.expiryNotice.count({ where: { apiKeyId: key.id, sentAt: null } })).toBe(2);
    expect(await h.db.prisma.outboxMessage.count({ where: { organizationId: org.org.id } })).toBe(0);
  });
});

describe("email delivery", () => {
  it("retry after a 451 and deliver exactly one message per recipient", async () => {
    const expiresAt = new Date(Date.now() + 5 * dayMs);
    const { org } = await organizationWithKey(expiresAt);
    const clock = new SetClock(new Date());
    const notifier = notifierFor(h.db.prisma, clock, smtp.url);
    smtp.deferNext(1);
    const first = await notifier.runOnce();
    expect(first.delivery).toEqual({ sent: 1, retrying: 1, failed: 0 });
    const waiting = await h.db.prisma.outboxMessage.findFirstOrThrow({
      where: { organizationId: org.org.id, status: "PENDING" },
    });
    expect(waiting).toMatchObject({ attempts: 1, lastResponseCode: 451 });
    expect(waiting.lastError).toContain("try again later");

    // Not before the backoff has passed.
    expect((await notifier.deliver()).sent).toBe(0);
    clock.advance(testPolicy.baseDelayMs);
    expect((await notifier.deliver()).sent).toBe(1);
    clock.advance(testPolicy.maxDelayMs);
    await notifier.runOnce();
    expect(mailsTo(org.users.OWNER.email)).toHaveLength(1);
    expect(mailsTo(org.users.ADMIN.email)).toHaveLength(1);
    expect(smtp.deferred()).toBe(1);
    const sent = await h.db.prisma.outboxMessage.findMany({ where: { organizationId: org.org.id } });
    expect(sent.map((m) => [m.status, m.attempts]).sort()).toEqual([
      ["SENT", 1],
      ["SENT", 2],
    ]);
  });

  it("keep messages queued while the SMTP server refuses connections, then fail them with the last error", async () => {
    const down = await startSmtpPeer();
    await down.close();
    const expiresAt = new Date(Date.now() + 5 * dayMs);
    const { org } = await organizationWithKey(expiresAt);
    const clock = new SetClock(new Date());
    const refused = notifierFor(h.db.prisma, clock, down.url);

    await refused.runOnce();
    const queued = await h.db.prisma.outboxMessage.findMany({ where: { organizationId: org.org.id } });
    expect(queued).toHaveLength(2);
    for (const message of queued) {
      expect(message).toMatchObject({ status: "PENDING", attempts: 1 });
      expect(message.lastError).toContain("ECONNREFUSED");
      expect(message.nextAttemptAt.getTime()).toBe(clock.now().getTime() + testPolicy.baseDelayMs);
    }

    // The server comes back: the queued messages go out.
    clock.advance(testPolicy.baseDelayMs);
    await notifierFor(h.db.prisma, clock, smtp.url).deliver();
    expect(mailsTo(org.users.OWNER.email)).toHaveLength(1);

    // Another key, and the server stays down: after maxAttempts the message is FAILED, kept with its error.
    const other = await org.keyClient({ expiresAt });
    await refused.runExpiry();
    for (let attempt = 1; attempt <= testPolicy.maxAttempts; attempt++) {
      await refused.deliver();
      clock.advance(testPolicy.maxDelayMs);
    }
    const failed = await h.db.prisma.outboxMessage.findMany({
      where: { organizationId: org.org.id, expiryNotice: { apiKeyId: other.key.id } },
    });
    expect(failed.map((m) => [m.status, m.attempts])).toEqual([
      ["FAILED", testPolicy.maxAttempts],
      ["FAILED", testPolicy.maxAttempts],
    ]);
    expect(failed[0]?.lastError).toContain("ECONNREFUSED");
  });
});
