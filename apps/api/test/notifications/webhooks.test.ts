import { Webhook } from "standardwebhooks";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { rotateToken } from "../accounts/documents.ts";
import { createKey, gid, keyGid, revokeMutation, updateMutation } from "../api-keys/support.ts";
import { type OrgFixture, useHarness } from "../support/harness.ts";
import { startWebhookReceiver, type WebhookReceiver } from "../support/webhook-receiver.ts";
import { dayMs, notifierFor, SetClock, stopNotifiers, testPolicy } from "./support.ts";
import { listEndpoints, registerEndpoint, rotateSecret, sendTest, updateEndpoint } from "./webhook-documents.ts";

const h = useHarness();
let receiver: WebhookReceiver;
const orgs: OrgFixture[] = [];

beforeAll(async () => {
  receiver = await startWebhookReceiver();
});
afterAll(async () => {
  await stopNotifiers();
  await receiver?.close();
});
beforeEach(() => {
  receiver.received.length = 0;
});
afterEach(async () => {
  for (const org of orgs.splice(0)) await h.db.prisma.organization.delete({ where: { id: org.org.id } });
});

async function organization() {
  const org = await h.newOrganization();
  orgs.push(org);
  return org;
}

/** Signatures are checked against the real time (5 minutes' tolerance): the scheduler's clock starts there. */
const nearNow = () => new SetClock(new Date());
const bodies = () => receiver.received.map((r) => JSON.parse(r.body));

describe("webhook delivery", () => {
  it("sends subscribed key events, signed as Standard Webhooks says, with no secret in them", async () => {
    const org = await organization();
    const endpoint = await registerEndpoint(org, `${receiver.url}/hooks`, ["API_KEY_CREATED", "API_KEY_REVOKED"]);
    expect(endpoint.secret).toMatch(/^whsec_[A-Za-z0-9+/=]{40,}$/);
    const { id, secret } = await createKey(org, { name: "Partner sync" });
    await org.as.OWNER.gql(updateMutation, { input: { id: keyGid(id), description: "not subscribed" } });
    await org.as.OWNER.gql(revokeMutation, { input: { id: keyGid(id), reason: "leaked" } });

    await notifierFor(h.db.prisma, nearNow(), undefined).deliver();

    expect(receiver.received.map((r) => r.path)).toEqual(["/hooks", "/hooks"]);
    const verifier = new Webhook(endpoint.secret);
    for (const request of receiver.received) {
      expect(request.headers["content-type"]).toBe("application/json");
      expect(request.headers["webhook-signature"]).toMatch(/^v1,/);
      expect(() => verifier.verify(request.body, request.headers as Record<string, string>)).not.toThrow();
      expect(request.body).not.toContain(secret);
      expect(request.body).not.toContain(secret.slice(4, 30));
    }
    const [created, revoked] = bodies();
    expect(created).toMatchObject({
      type: "api_key.created",
      data: { organizationId: org.org.id, apiKey: { id, name: "Partner sync", revokedAt: null } },
    });
    expect(created.data.apiKey.hint).toMatch(/^tsr_/);
    expect(revoked).toMatchObject({ type: "api_key.revoked", data: { apiKey: { id, revokedAt: expect.any(String) } } });
    // A forged or altered body does not verify.
    const forged = receiver.received[0]!;
    expect(() =>
      verifier.verify(forged.body.replace("Partner sync", "Partner sunk"), forged.headers as Record<string, string>),
    ).toThrow();
  });

  it("retries a failing receiver once per failure, then stops; the deliveries show it", async () => {
    const org = await organization();
    const endpoint = await registerEndpoint(org, `${receiver.url}/flaky`, ["API_KEY_CREATED"]);
    await createKey(org);
    const clock = nearNow();
    const notifier = notifierFor(h.db.prisma, clock, undefined);
    receiver.answerWith(500, 503);

    await notifier.deliver();
    clock.advance(testPolicy.baseDelayMs);
    await notifier.deliver();
    clock.advance(2 * testPolicy.baseDelayMs);
    await notifier.deliver();
    clock.advance(testPolicy.maxDelayMs);
    await notifier.deliver();

    expect(receiver.received).toHaveLength(3);
    expect(new Set(receiver.received.map((r) => r.headers["webhook-id"])).size).toBe(1);
    const list = await org.as.ADMIN.gql(listEndpoints, { slug: org.org.slug });
    const [listed] = list.data?.organization.webhookEndpoints.nodes ?? [];
    expect(listed.id).toBe(endpoint.id);
    expect(listed.deliveries).toEqual([
      expect.objectContaining({
        eventType: "api_key.created",
        status: "SENT",
        attempts: 3,
        lastResponseCode: 204,
        lastError: null,
        nextAttemptAt: null,
      }),
    ]);
  });

  it("does not follow redirects and refuses private addresses unless allowed", async () => {
    const org = await organization();
    await registerEndpoint(org, `${receiver.url}/moved`, ["API_KEY_CREATED"]);
    await createKey(org);
    receiver.answerWith(302);
    const clock = nearNow();
    await notifierFor(h.db.prisma, clock, undefined).deliver();
    expect(receiver.received.map((r) => r.path)).toEqual(["/moved"]);
    const message = await h.db.prisma.outboxMessage.findFirstOrThrow({ where: { organizationId: org.org.id } });
    expect(message).toMatchObject({ status: "PENDING", lastResponseCode: 302 });
    expect(message.lastError).toContain("redirects are not followed");

    // The same endpoint on a server without TESSERA_WEBHOOK_ALLOW_PRIVATE_NETWORKS: never contacted.
    clock.advance(testPolicy.baseDelayMs);
    await notifierFor(h.db.prisma, clock, undefined, false).deliver();
    expect(receiver.received).toHaveLength(1);
    const refused = await h.db.prisma.outboxMessage.findFirstOrThrow({ where: { organizationId: org.org.id } });
    expect(refused.lastError).toContain("refused: 127.0.0.1 resolves to a private, loopback or link-local address");
    expect(refused.lastError).not.toMatch(/resolves to \d/);

    // A name that resolves to loopback is checked at connect time, and so is the cloud metadata address.
    for (const [target, message] of [
      [`${receiver.url.replace("127.0.0.1", "localhost")}/moved`, "refused: localhost resolves to"],
      ["https://169.254.169.254/latest/meta-data", "refused: 169.254.169.254"],
    ] as const) {
      await h.db.prisma.webhookEndpoint.updateMany({ where: { organizationId: org.org.id }, data: { url: target } });
      // A fresh attempt budget for each target.
      await h.db.prisma.outboxMessage.updateMany({
        where: { organizationId: org.org.id },
        data: { attempts: 0, nextAttemptAt: clock.now() },
      });
      await notifierFor(h.db.prisma, clock, undefined, false).deliver();
      const last = await h.db.prisma.outboxMessage.findFirstOrThrow({ where: { organizationId: org.org.id } });
      expect(last.lastError).toContain(message);
    }
    expect(receiver.received).toHaveLength(1);
  });

  it("never sends an organization's events to another organization's endpoints", async () => {
    const mine = await organization();
    const other = await organization();
    await registerEndpoint(mine, `${receiver.url}/mine`, ["API_KEY_CREATED"]);
    await createKey(other);
    await notifierFor(h.db.prisma, nearNow(), undefined).deliver();
    expect(receiver.received).toHaveLength(0);
  });

  it("signs with the new secret after a rotation, and sends a test event on request", async () => {
    const org = await organization();
    const endpoint = await registerEndpoint(org, `${receiver.url}/rotated`, ["API_KEY_CREATED"]);
    const rotated = await org.as.ADMIN.gql(rotateSecret, { input: { id: endpoint.id } });
    const secret = rotated.data?.rotateWebhookSecret.secret as string;
    expect(secret).toMatch(/^whsec_/);
    expect(secret).not.toBe(endpoint.secret);

    const test = await org.as.ADMIN.gql(sendTest, { input: { id: endpoint.id } });
    expect(test.data?.sendTestWebhook).toMatchObject({ delivery: { eventType: "webhook.test", status: "PENDING" } });
    await notifierFor(h.db.prisma, nearNow(), undefined).deliver();
    const [request] = receiver.received;
    expect(JSON.parse(request!.body)).toMatchObject({ type: "webhook.test" });
    expect(() => new Webhook(secret).verify(request!.body, request!.headers as Record<string, string>)).not.toThrow();
    expect(() =>
      new Webhook(endpoint.secret).verify(request!.body, request!.headers as Record<string, string>),
    ).toThrow();
  });

  it("sends account events without the token, nothing to a disabled endpoint, and expiry events from the scheduler", async () => {
    const org = await organization();
    const endpoint = await registerEndpoint(org, `${receiver.url}/all`, [
      "CUSTOMER_ACCOUNT_TOKEN_ROTATED",
      "API_KEY_EXPIRING",
    ]);
    const account = await h.db.prisma.customerAccount.create({
      data: { organizationId: org.org.id, name: "Fleet 7", token: `tat_${org.org.id.replace(/-/g, "")}` },
    });
    await org.as.OWNER.gql(rotateToken, { input: { id: gid("CustomerAccount", account.id) } });
    const { key } = await org.keyClient({ expiresAt: new Date(Date.now() + 20 * dayMs) });
    const clock = nearNow();
    const notifier = notifierFor(h.db.prisma, clock, undefined);
    await notifier.runOnce();

    const rotated = await h.db.prisma.customerAccount.findUniqueOrThrow({ where: { id: account.id } });
    expect(bodies()).toEqual([
      expect.objectContaining({
        type: "customer_account.token_rotated",
        data: expect.objectContaining({
          customerAccount: expect.objectContaining({ id: account.id, name: "Fleet 7" }),
        }),
      }),
      expect.objectContaining({
        type: "api_key.expiring",
        data: expect.objectContaining({
          milestone: "DAYS_30",
          daysLeft: 20,
          apiKey: expect.objectContaining({ id: key.id }),
        }),
      }),
    ]);
    for (const request of receiver.received) {
      expect(request.body).not.toContain(rotated.token);
      expect(request.body).not.toContain(account.token);
    }

    const disabled = await org.as.OWNER.gql(updateEndpoint, { input: { id: endpoint.id, enabled: false } });
    expect(disabled.data?.updateWebhookEndpoint.webhookEndpoint.enabled).toBe(false);
    await org.as.OWNER.gql(rotateToken, { input: { id: gid("CustomerAccount", account.id) } });
    await notifier.deliver();
    expect(receiver.received).toHaveLength(2);
  });
});
