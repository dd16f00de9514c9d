import type { PrismaClient } from "@tessera/db";
import { expect } from "vitest";
import type { Client, OrgFixture } from "../support/harness.ts";

/** Relay global ids, as clients see them. */
export const gid = (typename: string, id: string) => Buffer.from(`${typename}:${id}`).toString("base64");
export const keyGid = (id: string) => gid("ApiKey", id);
export const rawId = (globalId: string) => Buffer.from(globalId, "base64").toString().split(":")[1] as string;

export const keyFields = `id name description hint role apiVersion status allScopes scopes managementScopes allResources
  resources { id name } allCustomerAccounts customerAccounts { id name } origins userAgent expiresAt createdAt
  updatedAt lastUsedAt renewedAt revokedAt revokedReason createdBy { email } ownedResources { id name }`;

const errorFields = "... on Error { code message } ... on ValidationError { field }";

export const createMutation = `mutation Create($input: CreateApiKeyInput!) {
  createApiKey(input: $input) { __typename ... on CreateApiKeyPayload { secret apiKey { ${keyFields} } } ${errorFields} }
}`;
export const updateMutation = `mutation Update($input: UpdateApiKeyInput!) {
  updateApiKey(input: $input) { __typename ... on UpdateApiKeyPayload { apiKey { ${keyFields} } } ${errorFields} }
}`;
export const renewMutation = `mutation Renew($input: RenewApiKeyInput!) {
  renewApiKey(input: $input) { __typename ... on RenewApiKeyPayload { apiKey { id status expiresAt renewedAt } } ${errorFields} }
}`;
export const revokeMutation = `mutation Revoke($input: RevokeApiKeyInput!) {
  revokeApiKey(input: $input) { __typename ... on RevokeApiKeyPayload { apiKey { id status revokedAt revokedReason } } ${errorFields} }
}`;
export const deleteMutation = `mutation Delete($input: DeleteApiKeyInput!) {
  deleteApiKey(input: $input) {
    __typename
    ... on DeleteApiKeyPayload { deletedId transferredResources { id name } deletedResourceIds }
    ${errorFields}
  }
}`;
export const listQuery = `query List($slug: String!, $first: Int, $after: String, $filter: ApiKeyFilter) {
  organization(slug: $slug) {
    apiKeys(first: $first, after: $after, filter: $filter) {
      totalCount
      edges { cursor node { id name status } }
      nodes { id name }
      pageInfo { hasNextPage endCursor }
    }
  }
}`;

/** Creates a key through the API as the organization's owner and returns it with its secret. */
export async function createKey(org: OrgFixture, input: Record<string, unknown> = {}) {
  const result = await org.as.OWNER.gql(createMutation, {
    input: { organizationId: gid("Organization", org.org.id), ...input },
  });
  const payload = result.data?.createApiKey;
  expect(payload?.__typename, JSON.stringify(result)).toBe("CreateApiKeyPayload");
  return { apiKey: payload.apiKey, secret: payload.secret as string, id: rawId(payload.apiKey.id) };
}

/** The persisted state of a key and everything hanging off it, to prove a failure changed nothing. */
export async function keySnapshot(prisma: PrismaClient, id: string) {
  return {
    // lastUsedAt is left out: a key calling with its own secret is "used", even when the call fails.
    key: await prisma.apiKey.findUnique({
      where: { id },
      omit: { lastUsedAt: true },
      include: { scopes: true, resources: true, customerAccounts: true, ownedResources: true, accessEntries: true },
    }),
    audit: await prisma.auditEvent.count({ where: { targetId: id } }),
  };
}

/** Expects a result union member with this code (and field, for validation errors). */
export function expectError(
  payload: { __typename: string; code?: string; field?: string },
  code: string,
  field?: string,
) {
  expect(payload.code, JSON.stringify(payload)).toBe(code);
  if (field) expect(payload.field).toBe(field);
}

/** Callers that may read but not write keys in `org`, with a label for test names. */
export async function readOnlyCallers(org: OrgFixture): Promise<[string, Client][]> {
  return [
    ["EDITOR", org.as.EDITOR],
    ["VIEWER", org.as.VIEWER],
    ["key with keys:read only", (await org.keyClient({ scopes: ["keys:read"] })).client],
  ];
}
