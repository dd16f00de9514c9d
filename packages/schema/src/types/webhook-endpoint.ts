import { webhookEventTypes } from "@tessera/core";
import { GraphQLError } from "graphql";
import { builder } from "../builder.ts";
import { organizationList } from "../organization-list.ts";
import { totalCountField } from "../pagination.ts";
import { OrganizationRef } from "./organization.ts";

/** `api_key.created` ⇄ `API_KEY_CREATED`: the stored string and the GraphQL enum value. */
export const WebhookEventTypeEnum = builder.enumType("WebhookEventType", {
  description:
    "An event an endpoint can receive. The payload's `type` is the lower-case dotted name, e.g. `api_key.revoked`.",
  values: Object.fromEntries(
    webhookEventTypes.map((e) => [
      e.type.replace(".", "_").toUpperCase(),
      { value: e.type, description: `\`${e.type}\`: ${e.description}` },
    ]),
  ),
});

export const DeliveryStatusEnum = builder.enumType("DeliveryStatus", {
  description: "Where an outgoing message (webhook request or email) is.",
  values: {
    PENDING: { description: "Queued or waiting for its next attempt." },
    SENT: { description: "Accepted by the receiver (HTTP 2xx, or the SMTP server's 250)." },
    FAILED: { description: "Given up after the last attempt; `lastError` says why." },
  } as const,
});

export const WebhookDeliveryRef = builder.prismaObject("OutboxMessage", {
  name: "WebhookDelivery",
  description: "One event sent (or to be sent) to one endpoint, with its retries.",
  fields: (t) => ({
    id: t.exposeID("id", { description: "The delivery's id; also the `webhook-id` header, the same on every retry." }),
    eventType: t.string({
      description: "The event, e.g. `api_key.revoked` (`webhook.test` for a test event).",
      resolve: (m) => m.eventType ?? "",
    }),
    status: t.expose("status", { type: DeliveryStatusEnum, description: "PENDING, SENT or FAILED." }),
    attempts: t.exposeInt("attempts", { description: "How many times it was sent so far." }),
    lastResponseCode: t.exposeInt("lastResponseCode", {
      nullable: true,
      description: "The HTTP status of the last attempt; null when no answer came (timeout, refused).",
    }),
    lastError: t.exposeString("lastError", {
      nullable: true,
      description: "Why the last attempt failed; null after success.",
    }),
    nextAttemptAt: t.field({
      type: "DateTime",
      nullable: true,
      description: "When it is tried next, while PENDING.",
      resolve: (m) => (m.status === "PENDING" ? m.nextAttemptAt : null),
    }),
    createdAt: t.expose("createdAt", { type: "DateTime", description: "When the event happened." }),
    sentAt: t.expose("sentAt", { type: "DateTime", nullable: true, description: "When the receiver accepted it." }),
  }),
});

export const WebhookEndpointRef = builder.prismaNode("WebhookEndpoint", {
  id: { field: "id" },
  description:
    "A URL that receives the organization's events as signed POST requests (Standard Webhooks: `webhook-id`, `webhook-timestamp`, `webhook-signature`). Its secret is shown only at creation and rotation.",
  fields: (t) => ({
    url: t.exposeString("url", { description: "Where events are POSTed (https; http only to localhost)." }),
    description: t.exposeString("description", { nullable: true, description: "What the endpoint is for." }),
    events: t.field({
      type: [WebhookEventTypeEnum],
      description: "The events it receives.",
      resolve: (e) => e.events as never,
    }),
    enabled: t.exposeBoolean("enabled", { description: "False: no events are queued for it." }),
    createdAt: t.expose("createdAt", { type: "DateTime", description: "When it was registered." }),
    updatedAt: t.expose("updatedAt", { type: "DateTime", description: "When it was last changed." }),
    deliveries: t.prismaField({
      type: [WebhookDeliveryRef],
      description: "Its most recent deliveries, newest first. `first` is 1..100 (default 20).",
      args: { first: t.arg.int({ defaultValue: 20, description: "How many: 1..100." }) },
      resolve: (query, endpoint, args, ctx) => {
        const first = args.first ?? 20;
        if (first < 1 || first > 100) {
          throw new GraphQLError("`first` must be between 1 and 100.", { extensions: { code: "VALIDATION" } });
        }
        return ctx.prisma.outboxMessage.findMany({
          ...query,
          where: { webhookEndpointId: endpoint.id },
          orderBy: [{ createdAt: "desc" }, { id: "desc" }],
          take: first,
        });
      },
    }),
  }),
});

builder.prismaObjectField(OrganizationRef, "webhookEndpoints", (t) =>
  t.prismaConnection(
    {
      type: WebhookEndpointRef,
      cursor: "id",
      description:
        "The organization's webhook endpoints, newest first. `first` is 1..100 (default 50). OWNER, ADMIN and keys with `webhooks:read` or `webhooks:write` only; anyone else gets a FORBIDDEN error.",
      ...organizationList({
        rule: "webhooks",
        rows: (ctx) => ctx.prisma.webhookEndpoint,
        where: (organizationId) => ({ organizationId }),
      }),
    },
    {
      name: "WebhookEndpointConnection",
      description: "A page of webhook endpoints, with the total number.",
      fields: (t) => ({ totalCount: totalCountField(t, "How many endpoints the organization has, on all pages.") }),
    },
    { name: "WebhookEndpointEdge", description: "A webhook endpoint in a page, with its cursor." },
  ),
);
