import { gid } from "../api-keys/support.ts";
import type { OrgFixture } from "../support/harness.ts";

const outcome = (payload: string, fields: string) => `__typename
  ... on ${payload} { ${fields} }
  ... on Error { code message }
  ... on ValidationError { field }`;
const endpoint = "webhookEndpoint { id url description events enabled createdAt updatedAt }";

export const createEndpoint = `mutation Create($input: CreateWebhookEndpointInput!) {
  createWebhookEndpoint(input: $input) { ${outcome("CreateWebhookEndpointPayload", `secret ${endpoint}`)} }
}`;
export const updateEndpoint = `mutation Update($input: UpdateWebhookEndpointInput!) {
  updateWebhookEndpoint(input: $input) { ${outcome("UpdateWebhookEndpointPayload", endpoint)} }
}`;
export const deleteEndpoint = `mutation Delete($input: DeleteWebhookEndpointInput!) {
  deleteWebhookEndpoint(input: $input) { ${outcome("DeleteWebhookEndpointPayload", "deletedId")} }
}`;
export const rotateSecret = `mutation Rotate($input: RotateWebhookSecretInput!) {
  rotateWebhookSecret(input: $input) { ${outcome("RotateWebhookSecretPayload", `secret ${endpoint}`)} }
}`;
export const sendTest = `mutation Test($input: SendTestWebhookInput!) {
  sendTestWebhook(input: $input) { ${outcome("SendTestWebhookPayload", "delivery { id eventType status attempts }")} }
}`;
export const listEndpoints = `query List($slug: String!) {
  organization(slug: $slug) {
    webhookEndpoints {
      nodes {
        id url events enabled
        deliveries { id eventType status attempts lastResponseCode lastError sentAt nextAttemptAt }
      }
    }
  }
}`;

/** Registers an endpoint as the organization's OWNER and returns its global id and secret. */
export async function registerEndpoint(org: OrgFixture, url: string, events: string[]) {
  const result = await org.as.OWNER.gql(createEndpoint, {
    input: { organizationId: gid("Organization", org.org.id), url, events },
  });
  const payload = result.data?.createWebhookEndpoint;
  if (payload?.__typename !== "CreateWebhookEndpointPayload") throw new Error(JSON.stringify(result));
  return { id: payload.webhookEndpoint.id as string, secret: payload.secret as string };
}
