import { graphql, type ResultOf } from "../../lib/graphql.ts";

export const ApiKeyRowFields = graphql(`
  fragment ApiKeyRow on ApiKey {
    id name hint status createdAt expiresAt apiVersion lastUsedAt
    createdBy { id email name }
  }
`);

/** One row of the keys table, as the row menu and the dialogs it opens receive it. */
export type ApiKeyRow = ResultOf<typeof ApiKeyRowFields>;

export const ApiKeysQuery = graphql(
  `
  query ApiKeys($slug: String!, $first: Int!, $after: String, $filter: ApiKeyFilter, $orderBy: ApiKeyOrder) {
    organization(slug: $slug) {
      id
      apiKeys(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
        totalCount
        pageInfo { hasNextPage endCursor }
        nodes { ...ApiKeyRow }
      }
    }
  }
`,
  [ApiKeyRowFields],
);

/** What the key forms and filters choose from in full: versions and scopes (members, keys, accounts and resources are searched). */
export const KeyCatalogQuery = graphql(`
  query KeyCatalog($slug: String!) {
    organization(slug: $slug) {
      id
      apiVersions { name deprecated description sunsetAt isDefault }
      scopes { name description kind retiredAt }
    }
  }
`);

/** The resources and accounts a key can be restricted to, searched on the server as the admin types. */
export const RestrictionSearchQuery = graphql(`
  query RestrictionSearch($slug: String!, $search: String, $accounts: Boolean!, $resources: Boolean!) {
    organization(slug: $slug) {
      id
      customerAccounts(first: 25, filter: { search: $search }, orderBy: { field: NAME }) @include(if: $accounts) {
        totalCount nodes { id name status }
      }
      resources(first: 25, filter: { search: $search }, orderBy: { field: NAME }) @include(if: $resources) {
        totalCount nodes { id name kind parent { id name } }
      }
    }
  }
`);

export const ApiKeyDetailsQuery = graphql(`
  query ApiKeyDetails($id: ID!) {
    node(id: $id) {
      ... on ApiKey {
        id name description hint role apiVersion status
        allScopes scopes managementScopes
        allResources resources { id name kind }
        allCustomerAccounts customerAccounts { id name status }
        origins userAgent
        rateLimits { name limit durationMs autoApply }
        ipAllowlist
        credits { remaining refilledAt refill { amount interval dayOfMonth } }
        expiresAt createdAt updatedAt lastUsedAt renewedAt revokedAt revokedReason
        createdBy { id email name }
        ownedResources { id name kind }
      }
    }
  }
`);

export const CreateApiKeyMutation = graphql(`
  mutation CreateApiKey($input: CreateApiKeyInput!) {
    createApiKey(input: $input) {
      __typename
      ... on CreateApiKeyPayload { secret apiKey { id name hint status } }
      ... on Error { message }
    }
  }
`);

export const UpdateApiKeyMutation = graphql(`
  mutation UpdateApiKey($input: UpdateApiKeyInput!) {
    updateApiKey(input: $input) {
      __typename
      ... on UpdateApiKeyPayload { apiKey { id name description apiVersion allScopes scopes managementScopes origins userAgent updatedAt } }
      ... on Error { message }
    }
  }
`);

export const RenewApiKeyMutation = graphql(`
  mutation RenewApiKey($input: RenewApiKeyInput!) {
    renewApiKey(input: $input) {
      __typename
      ... on RenewApiKeyPayload { apiKey { id status expiresAt renewedAt } }
      ... on Error { message }
    }
  }
`);

export const RevokeApiKeyMutation = graphql(`
  mutation RevokeApiKey($input: RevokeApiKeyInput!) {
    revokeApiKey(input: $input) {
      __typename
      ... on RevokeApiKeyPayload { apiKey { id status revokedAt revokedReason } }
      ... on Error { message }
    }
  }
`);

export const DeleteApiKeyMutation = graphql(`
  mutation DeleteApiKey($input: DeleteApiKeyInput!) {
    deleteApiKey(input: $input) {
      __typename
      ... on DeleteApiKeyPayload { deletedId deletedResourceIds transferredResources { id name } }
      ... on Error { message }
    }
  }
`);

/**
 * A key's verifications per bucket. Its own query, not part of ApiKeyDetails: `usage` is non-null, so
 * an error in it would null the whole key and hide details that loaded fine.
 */
export const ApiKeyUsageQuery = graphql(`
  query ApiKeyUsage($id: ID!, $since: DateTime!, $until: DateTime!) {
    node(id: $id) {
      ... on ApiKey {
        id
        usage(since: $since, until: $until, granularity: DAY) { start total byCode { code count } }
      }
    }
  }
`);

/** Keys whose name, description or hint contains the text: the "created by key" filter's picker. */
export const KeySearchQuery = graphql(`
  query KeySearch($slug: String!, $search: String) {
    organization(slug: $slug) {
      id
      apiKeys(first: 25, filter: { search: $search }, orderBy: { field: NAME }) { nodes { id name hint } }
    }
  }
`);
