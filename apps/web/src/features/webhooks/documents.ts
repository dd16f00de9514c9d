import { graphql, type ResultOf } from "../../lib/graphql.ts";

export const WebhookEndpointFields = graphql(`
  fragment WebhookEndpointRow on WebhookEndpoint {
    id url description events enabled createdAt
  }
`);

/** An endpoint's recent deliveries, asked for by each endpoint's card (one list query would cost too much). */
export const WebhookDeliveriesQuery = graphql(`
  query WebhookDeliveries($id: ID!) {
    node(id: $id) {
      id
      ... on WebhookEndpoint {
        deliveries(first: 10) { id eventType status attempts lastResponseCode lastError createdAt sentAt nextAttemptAt }
      }
    }
  }
`);

export type WebhookEndpointRow = ResultOf<typeof WebhookEndpointFields>;
export type WebhookEventType = WebhookEndpointRow["events"][number];

export const WebhookEndpointsQuery = graphql(
  `
  query WebhookEndpoints($slug: String!) {
    organization(slug: $slug) {
      id
      webhookEndpoints(first: 50) { totalCount nodes { ...WebhookEndpointRow } }
    }
  }
`,
  [WebhookEndpointFields],
);

export const CreateWebhookEndpointMutation = graphql(`
  mutation CreateWebhookEndpoint($input: CreateWebhookEndpointInput!) {
    createWebhookEndpoint(input: $input) {
      __typename
      ... on CreateWebhookEndpointPayload { secret webhookEndpoint { id url } }
      ... on Error { message }
    }
  }
`);
export const UpdateWebhookEndpointMutation = graphql(`
  mutation UpdateWebhookEndpoint($input: UpdateWebhookEndpointInput!) {
    updateWebhookEndpoint(input: $input) {
      __typename ... on UpdateWebhookEndpointPayload { webhookEndpoint { id url enabled events } } ... on Error { message }
    }
  }
`);
export const RotateWebhookSecretMutation = graphql(`
  mutation RotateWebhookSecret($input: RotateWebhookSecretInput!) {
    rotateWebhookSecret(input: $input) {
      __typename ... on RotateWebhookSecretPayload { secret webhookEndpoint { id url } } ... on Error { message }
    }
  }
`);
export const SendTestWebhookMutation = graphql(`
  mutation SendTestWebhook($input: SendTestWebhookInput!) {
    sendTestWebhook(input: $input) { __typename ... on SendTestWebhookPayload { delivery { id } } ... on Error { message } }
  }
`);
export const DeleteWebhookEndpointMutation = graphql(`
  mutation DeleteWebhookEndpoint($input: DeleteWebhookEndpointInput!) {
    deleteWebhookEndpoint(input: $input) { __typename ... on DeleteWebhookEndpointPayload { deletedId } ... on Error { message } }
  }
`);

/** A readable name for every event; typed against the schema's enum, so a new event fails the typecheck here. */
export const eventLabels: Record<WebhookEventType, string> = {
  API_KEY_CREATED: "Key created",
  API_KEY_UPDATED: "Key edited",
  API_KEY_RENEWED: "Key renewed",
  API_KEY_REVOKED: "Key revoked",
  API_KEY_DELETED: "Key deleted",
  API_KEY_EXPIRING: "Key expiring",
  API_KEY_EXPIRED: "Key expired",
  API_KEY_CREDITS_EXHAUSTED: "Key out of credits",
  CUSTOMER_ACCOUNT_STATUS_CHANGED: "Account status changed",
  CUSTOMER_ACCOUNT_TOKEN_ROTATED: "Account token rotated",
  MEMBER_INVITED: "Member invited",
  MEMBER_JOINED: "Member joined",
  MEMBER_ROLE_CHANGED: "Member role changed",
  MEMBER_REMOVED: "Member removed",
  MEMBER_LEFT: "Member left",
};

export const webhookEvents = Object.keys(eventLabels) as WebhookEventType[];

/** The endpoint mutations refresh the list (delete returns no endpoint to go by). */
export const webhookChange = { additionalTypenames: ["WebhookEndpoint", "WebhookDelivery"] };
