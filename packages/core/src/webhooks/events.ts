import type { Prisma } from "@tessera/db";

/** The events an endpoint can subscribe to. Each payload carries ids, names, hint and times, never a secret or token. */
export const webhookEventTypes = [
  { type: "api_key.created", description: "An API key was created." },
  { type: "api_key.updated", description: "An API key's name, description, API version or restrictions changed." },
  { type: "api_key.renewed", description: "An API key was renewed for another 12 months." },
  { type: "api_key.revoked", description: "An API key was revoked." },
  { type: "api_key.deleted", description: "An API key was deleted." },
  { type: "api_key.expiring", description: "An API key reached an expiry milestone (90, 30, 14, 7 or 1 day(s) left)." },
  { type: "api_key.expired", description: "An API key has expired." },
  {
    type: "api_key.credits_exhausted",
    description: "An API key spent its last usage credit (once per refill period; `period` says which).",
  },
  { type: "customer_account.token_rotated", description: "A customer account's token was rotated." },
  { type: "customer_account.status_changed", description: "A customer account's status changed." },
  { type: "member.invited", description: "Someone was invited to join the organization." },
  { type: "member.joined", description: "Someone accepted an invitation and joined the organization." },
  { type: "member.role_changed", description: "A member's role changed." },
  { type: "member.removed", description: "A member was removed from the organization." },
  { type: "member.left", description: "A member left the organization." },
] as const;

export type WebhookEventType = (typeof webhookEventTypes)[number]["type"];

/** The event sent by `sendTestWebhook`; not subscribable, it goes only to the endpoint being tested. */
export const testEventType = "webhook.test";

export function isWebhookEventType(value: string): value is WebhookEventType {
  return webhookEventTypes.some((e) => e.type === value);
}

/** The body of a webhook request, as Standard Webhooks suggests: type, timestamp, data. */
export type WebhookEvent = { type: string; timestamp: string; data: Prisma.InputJsonObject };

/**
 * Queues an event for every enabled endpoint of the organization that subscribed to it, in the
 * caller's transaction: the event exists if and only if the change committed.
 */
export async function enqueueEvent(
  tx: Prisma.TransactionClient,
  event: { organizationId: string; type: WebhookEventType; data: Prisma.InputJsonObject; now: Date },
): Promise<void> {
  const endpoints = await tx.webhookEndpoint.findMany({
    where: { organizationId: event.organizationId, enabled: true, events: { has: event.type } },
    select: { id: true },
  });
  if (endpoints.length === 0) return;
  const payload: WebhookEvent = {
    type: event.type,
    timestamp: event.now.toISOString(),
    data: { organizationId: event.organizationId, ...event.data },
  };
  await tx.outboxMessage.createMany({
    data: endpoints.map((endpoint) => ({
      organizationId: event.organizationId,
      kind: "WEBHOOK" as const,
      payload,
      eventType: event.type,
      webhookEndpointId: endpoint.id,
      nextAttemptAt: event.now,
      createdAt: event.now,
    })),
  });
}

/**
 * Queues an `api_key.*` event with the key's public facts, read inside the transaction (so the
 * payload shows the change). Call it before deleting the key.
 */
export async function enqueueApiKeyEvent(
  tx: Prisma.TransactionClient,
  type: Extract<WebhookEventType, `api_key.${string}`>,
  keyId: string,
  now: Date,
  extra: Prisma.InputJsonObject = {},
): Promise<void> {
  const key = await tx.apiKey.findUniqueOrThrow({
    where: { id: keyId },
    select: {
      id: true,
      organizationId: true,
      name: true,
      hint: true,
      expiresAt: true,
      createdAt: true,
      renewedAt: true,
      revokedAt: true,
    },
  });
  const data = {
    apiKey: {
      id: key.id,
      name: key.name,
      hint: key.hint,
      createdAt: key.createdAt.toISOString(),
      expiresAt: key.expiresAt.toISOString(),
      renewedAt: key.renewedAt?.toISOString() ?? null,
      revokedAt: key.revokedAt?.toISOString() ?? null,
    },
    ...extra,
  };
  await enqueueEvent(tx, { organizationId: key.organizationId, type, data, now });
}

/** Queues a `customer_account.*` event with the account's id, name and status (never its token). */
export async function enqueueCustomerAccountEvent(
  tx: Prisma.TransactionClient,
  type: Extract<WebhookEventType, `customer_account.${string}`>,
  accountId: string,
  now: Date,
): Promise<void> {
  const account = await tx.customerAccount.findUniqueOrThrow({
    where: { id: accountId },
    select: { id: true, organizationId: true, name: true, status: true, createdAt: true },
  });
  const data = {
    customerAccount: {
      id: account.id,
      name: account.name,
      status: account.status,
      createdAt: account.createdAt.toISOString(),
    },
  };
  await enqueueEvent(tx, { organizationId: account.organizationId, type, data, now });
}

/** Queues a `member.*` event with the member's user id, email and role (never a token or password). */
export async function enqueueMemberEvent(
  tx: Prisma.TransactionClient,
  type: Extract<WebhookEventType, `member.${string}`>,
  event: { organizationId: string; member: { userId: string | null; email: string; role: string }; now: Date },
  extra: Prisma.InputJsonObject = {},
): Promise<void> {
  const data = { member: event.member, ...extra };
  await enqueueEvent(tx, { organizationId: event.organizationId, type, data, now: event.now });
}
