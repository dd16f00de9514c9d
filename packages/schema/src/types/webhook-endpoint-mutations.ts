import {
  createWebhookEndpoint,
  decodeTargetId,
  deleteWebhookEndpoint,
  encodeId,
  rotateWebhookSecret,
  sendTestWebhook,
  updateWebhookEndpoint,
} from "@tessera/core";
import { builder } from "../builder.ts";
import { mutationErrors } from "../errors.ts";
import { WebhookDeliveryRef, WebhookEndpointRef, WebhookEventTypeEnum } from "./webhook-endpoint.ts";

const endpointId = (globalId: string | number) =>
  decodeTargetId(String(globalId), "WebhookEndpoint", "Webhook endpoint not found.");

const CreateWebhookEndpointInput = builder.inputType("CreateWebhookEndpointInput", {
  description: "A new webhook endpoint.",
  fields: (t) => ({
    organizationId: t.id({
      required: true,
      description: "The organization (an Organization id) whose events it receives.",
    }),
    url: t.string({
      required: true,
      description: "https URL (plain http only to localhost), at most 2000 characters.",
    }),
    events: t.field({
      type: [WebhookEventTypeEnum],
      required: true,
      description: "The events it receives (at least one).",
    }),
    description: t.string({ description: "What it is for, at most 500 characters." }),
    enabled: t.boolean({ defaultValue: true, description: "False: registered, but no events are queued for it." }),
  }),
});

const UpdateWebhookEndpointInput = builder.inputType("UpdateWebhookEndpointInput", {
  description: "Changes to an endpoint; fields left out stay as they are.",
  fields: (t) => ({
    id: t.id({ required: true, description: "The endpoint (a WebhookEndpoint id)." }),
    url: t.string({ description: "A new URL (https; http only to localhost)." }),
    events: t.field({ type: [WebhookEventTypeEnum], description: "The events it receives from now on." }),
    description: t.string({ description: "A new description; null clears it." }),
    enabled: t.boolean({ description: "Turn deliveries on or off." }),
  }),
});

const WebhookEndpointIdInput = (name: string, description: string) =>
  builder.inputType(name, {
    description,
    fields: (t) => ({ id: t.id({ required: true, description: "The endpoint (a WebhookEndpoint id)." }) }),
  });

/** A payload that carries one endpoint, loaded with whatever the client selected. */
function endpointPayload<T extends { webhookEndpointId: string }>(name: string, description: string) {
  return builder.objectRef<T>(name).implement({
    description,
    fields: (t) => ({
      webhookEndpoint: t.prismaField({
        type: WebhookEndpointRef,
        description: "The endpoint as it is now.",
        resolve: (query, payload, _args, ctx) =>
          ctx.prisma.webhookEndpoint.findUniqueOrThrow({ ...query, where: { id: payload.webhookEndpointId } }),
      }),
    }),
  });
}

const secretDescription =
  "The signing secret (`whsec_…`) for verifying requests with a Standard Webhooks library. Shown this once: store it now.";
const CreateWebhookEndpointPayload = endpointPayload<{ webhookEndpointId: string; secret: string }>(
  "CreateWebhookEndpointPayload",
  "The endpoint was registered. Copy its signing secret now: it is never shown again.",
);
builder.objectFields(CreateWebhookEndpointPayload, (t) => ({
  secret: t.exposeString("secret", { description: secretDescription }),
}));
const RotateWebhookSecretPayload = endpointPayload<{ webhookEndpointId: string; secret: string }>(
  "RotateWebhookSecretPayload",
  "The signing secret was replaced; requests are signed with the new one from now on.",
);
builder.objectFields(RotateWebhookSecretPayload, (t) => ({
  secret: t.exposeString("secret", { description: secretDescription }),
}));
const UpdateWebhookEndpointPayload = endpointPayload("UpdateWebhookEndpointPayload", "The endpoint was changed.");

const DeleteWebhookEndpointPayload = builder
  .objectRef<{ deletedId: string }>("DeleteWebhookEndpointPayload")
  .implement({
    description: "The endpoint was deleted with its deliveries; nothing more is sent to it.",
    fields: (t) => ({
      deletedId: t.id({
        description: "The deleted endpoint's id.",
        resolve: (p) => encodeId("WebhookEndpoint", p.deletedId),
      }),
    }),
  });

const SendTestWebhookPayload = builder.objectRef<{ deliveryId: string }>("SendTestWebhookPayload").implement({
  description: "A `webhook.test` event was queued for the endpoint; follow it in `delivery` or `deliveries`.",
  fields: (t) => ({
    delivery: t.prismaField({
      type: WebhookDeliveryRef,
      description: "The queued delivery.",
      resolve: (query, payload, _args, ctx) =>
        ctx.prisma.outboxMessage.findUniqueOrThrow({ ...query, where: { id: payload.deliveryId } }),
    }),
  }),
});

const result = (name: string, mutation: string) => ({
  types: mutationErrors,
  union: {
    name,
    description: `What \`${mutation}\` answers: its payload, or the expected error that changed nothing.`,
  },
});
const needs = "Needs OWNER, ADMIN or `webhooks:write`.";

builder.mutationFields((t) => ({
  createWebhookEndpoint: t.field({
    type: CreateWebhookEndpointPayload,
    description: `Registers a webhook endpoint; the payload carries its signing secret, the only time it is returned. ${needs}`,
    errors: result("CreateWebhookEndpointResult", "createWebhookEndpoint"),
    args: { input: t.arg({ type: CreateWebhookEndpointInput, required: true, description: "The new endpoint." }) },
    resolve: (_root, { input }, ctx) =>
      createWebhookEndpoint(ctx, {
        organizationId: decodeTargetId(String(input.organizationId), "Organization", "Organization not found."),
        url: input.url,
        events: input.events,
        description: input.description,
        enabled: input.enabled,
      }),
  }),
  updateWebhookEndpoint: t.field({
    type: UpdateWebhookEndpointPayload,
    description: `Changes an endpoint's URL, events, description or enabled flag. ${needs}`,
    errors: result("UpdateWebhookEndpointResult", "updateWebhookEndpoint"),
    args: { input: t.arg({ type: UpdateWebhookEndpointInput, required: true, description: "The changes." }) },
    resolve: (_root, { input }, ctx) =>
      updateWebhookEndpoint(ctx, {
        id: endpointId(input.id),
        url: input.url,
        events: input.events,
        description: input.description,
        enabled: input.enabled,
      }),
  }),
  deleteWebhookEndpoint: t.field({
    type: DeleteWebhookEndpointPayload,
    description: `Deletes an endpoint and its deliveries. ${needs}`,
    errors: result("DeleteWebhookEndpointResult", "deleteWebhookEndpoint"),
    args: {
      input: t.arg({
        type: WebhookEndpointIdInput("DeleteWebhookEndpointInput", "The endpoint to delete."),
        required: true,
        description: "The endpoint.",
      }),
    },
    resolve: (_root, { input }, ctx) => deleteWebhookEndpoint(ctx, { id: endpointId(input.id) }),
  }),
  rotateWebhookSecret: t.field({
    type: RotateWebhookSecretPayload,
    description: `Replaces an endpoint's signing secret; the payload carries the new one, the only time it is returned. ${needs}`,
    errors: result("RotateWebhookSecretResult", "rotateWebhookSecret"),
    args: {
      input: t.arg({
        type: WebhookEndpointIdInput("RotateWebhookSecretInput", "The endpoint whose secret is replaced."),
        required: true,
        description: "The endpoint.",
      }),
    },
    resolve: (_root, { input }, ctx) => rotateWebhookSecret(ctx, { id: endpointId(input.id) }),
  }),
  sendTestWebhook: t.field({
    type: SendTestWebhookPayload,
    description: `Queues a signed \`webhook.test\` event for one endpoint (even a disabled one), delivered and retried like any event. ${needs}`,
    errors: result("SendTestWebhookResult", "sendTestWebhook"),
    args: {
      input: t.arg({
        type: WebhookEndpointIdInput("SendTestWebhookInput", "The endpoint to test."),
        required: true,
        description: "The endpoint.",
      }),
    },
    resolve: (_root, { input }, ctx) => sendTestWebhook(ctx, { id: endpointId(input.id) }),
  }),
}));
