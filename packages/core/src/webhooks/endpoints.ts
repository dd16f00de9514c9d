import { randomBytes } from "node:crypto";
import type { Prisma, WebhookEndpoint } from "@tessera/db";
import { recordAuditByCaller } from "../audit.ts";
import type { AuditAction } from "../audit-actions.ts";
import { NotFoundError, ValidationError } from "../errors.ts";
import { isUuid } from "../ids.ts";
import { type OperationContext, requireActor, requireOrganizationScope } from "../operation-context.ts";
import { testEventType } from "./events.ts";
import { validateWebhookDescription, validateWebhookEvents, validateWebhookUrl } from "./validation.ts";

/** A Standard Webhooks signing secret: `whsec_` and 32 random bytes in base64. */
export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString("base64")}`;
}

export type CreateWebhookEndpointInput = {
  organizationId: string;
  url: string;
  events: readonly string[];
  description?: string | null;
  enabled?: boolean | null;
};

/** Registers an endpoint. The secret is returned here and by rotation only, never by a query. */
export async function createWebhookEndpoint(ctx: OperationContext, input: CreateWebhookEndpointInput) {
  requireActor(ctx.viewer);
  await requireOrganizationScope(ctx, input.organizationId, "webhooks:write");
  const url = validateWebhookUrl(input.url);
  const events = validateWebhookEvents(input.events);
  const description = validateWebhookDescription(input.description ?? null);
  const enabled = input.enabled ?? true;
  const secret = generateWebhookSecret();
  const now = ctx.clock.now();
  const endpoint = await ctx.prisma.$transaction(async (tx) => {
    const created = await tx.webhookEndpoint.create({
      data: {
        organizationId: input.organizationId,
        url,
        events,
        description,
        enabled,
        secret,
        createdAt: now,
        updatedAt: now,
      },
    });
    await audit(ctx, tx, created, "webhook_endpoint.created", { url, events, description, enabled });
    return created;
  });
  return { webhookEndpointId: endpoint.id, secret };
}

export type UpdateWebhookEndpointInput = {
  id: string;
  url?: string | null;
  events?: readonly string[] | null;
  /** null clears it; absent keeps it. */
  description?: string | null;
  enabled?: boolean | null;
};

/** Changes an endpoint's URL, events, description or enabled flag; audits what changed. */
export async function updateWebhookEndpoint(ctx: OperationContext, input: UpdateWebhookEndpointInput) {
  requireActor(ctx.viewer);
  const before = await loadEndpointToChange(ctx, input.id);
  const data: Prisma.WebhookEndpointUpdateInput = {};
  const changes: Record<string, Prisma.InputJsonValue> = {};
  const note = (field: string, from: Prisma.InputJsonValue | null, to: Prisma.InputJsonValue | null) => {
    if (JSON.stringify(from) !== JSON.stringify(to)) changes[field] = { from, to } as Prisma.InputJsonValue;
  };
  if (input.url != null) {
    data.url = validateWebhookUrl(input.url);
    note("url", before.url, data.url);
  }
  if (input.events != null) {
    data.events = validateWebhookEvents(input.events);
    note("events", before.events, data.events);
  }
  if (input.description !== undefined) {
    data.description = validateWebhookDescription(input.description);
    note("description", before.description, data.description);
  }
  if (input.enabled != null) {
    data.enabled = input.enabled;
    note("enabled", before.enabled, input.enabled);
  }
  if (Object.keys(changes).length === 0) {
    if (Object.keys(data).length === 0) throw new ValidationError("Nothing to change: give at least one field.");
    return { webhookEndpointId: before.id };
  }
  await ctx.prisma.$transaction(async (tx) => {
    const updated = await tx.webhookEndpoint.update({
      where: { id: before.id },
      data: { ...data, updatedAt: ctx.clock.now() },
    });
    await audit(ctx, tx, updated, "webhook_endpoint.updated", changes);
  });
  return { webhookEndpointId: before.id };
}

/** Deletes an endpoint and, with it, its queued and past deliveries. */
export async function deleteWebhookEndpoint(ctx: OperationContext, input: { id: string }) {
  requireActor(ctx.viewer);
  const endpoint = await loadEndpointToChange(ctx, input.id);
  await ctx.prisma.$transaction(async (tx) => {
    await tx.webhookEndpoint.delete({ where: { id: endpoint.id } });
    await audit(ctx, tx, endpoint, "webhook_endpoint.deleted", { url: endpoint.url });
  });
  return { deletedId: endpoint.id };
}

/**
 * Replaces the signing secret. Requests sent from now on, retries included, are signed with the new
 * one; the old one stops verifying at once (a receiver that needs overlap rotates on its side first).
 */
export async function rotateWebhookSecret(ctx: OperationContext, input: { id: string }) {
  requireActor(ctx.viewer);
  const endpoint = await loadEndpointToChange(ctx, input.id);
  const secret = generateWebhookSecret();
  await ctx.prisma.$transaction(async (tx) => {
    const updated = await tx.webhookEndpoint.update({
      where: { id: endpoint.id },
      data: { secret, updatedAt: ctx.clock.now() },
    });
    await audit(ctx, tx, updated, "webhook_endpoint.secret_rotated", { secret: "rotated" });
  });
  return { webhookEndpointId: endpoint.id, secret };
}

/**
 * Queues a `webhook.test` event for one endpoint (enabled or not), delivered and retried like any
 * other, so its result shows among the endpoint's deliveries. Sends nothing else; not audited, as it
 * changes nothing.
 */
export async function sendTestWebhook(ctx: OperationContext, input: { id: string }) {
  requireActor(ctx.viewer);
  const endpoint = await loadEndpointToChange(ctx, input.id);
  const now = ctx.clock.now();
  const message = await ctx.prisma.outboxMessage.create({
    data: {
      organizationId: endpoint.organizationId,
      kind: "WEBHOOK",
      eventType: testEventType,
      webhookEndpointId: endpoint.id,
      payload: {
        type: testEventType,
        timestamp: now.toISOString(),
        data: { organizationId: endpoint.organizationId, webhookEndpoint: { id: endpoint.id, url: endpoint.url } },
      },
      nextAttemptAt: now,
      createdAt: now,
    },
    select: { id: true },
  });
  return { deliveryId: message.id };
}

/**
 * The endpoint a change is aimed at. Unknown, malformed and other organizations' ids all read as
 * "not found"; a caller of the same organization without `webhooks:write` is told so.
 */
async function loadEndpointToChange(ctx: OperationContext, id: string): Promise<WebhookEndpoint> {
  const endpoint = isUuid(id) ? await ctx.prisma.webhookEndpoint.findUnique({ where: { id } }) : null;
  if (!endpoint || !(await ctx.access.inOrganization(endpoint.organizationId))) {
    throw new NotFoundError("Webhook endpoint not found.");
  }
  await requireOrganizationScope(ctx, endpoint.organizationId, "webhooks:write");
  return endpoint;
}

function audit(
  ctx: OperationContext,
  tx: Prisma.TransactionClient,
  endpoint: WebhookEndpoint,
  action: AuditAction,
  changes: Prisma.InputJsonValue,
) {
  return recordAuditByCaller(tx, ctx, {
    organizationId: endpoint.organizationId,
    action,
    target: { type: "WebhookEndpoint", id: endpoint.id, label: endpoint.url },
    changes,
  });
}
