import { graphql, type ResultOf } from "../../lib/graphql.ts";

export const SettingsQuery = graphql(`
  query Settings($slug: String!) {
    organization(slug: $slug) {
      id
      scopes { id name description kind retiredAt keyCount }
      apiVersions { id name description deprecated deprecatedAt sunsetAt releasedAt isDefault keyCount }
    }
  }
`);

type Settings = NonNullable<ResultOf<typeof SettingsQuery>["organization"]>;
export type ScopeRow = Settings["scopes"][number];
export type ApiVersionRow = Settings["apiVersions"][number];

export const CreateScopeMutation = graphql(`
  mutation CreateScope($input: CreateScopeInput!) {
    createScope(input: $input) {
      __typename
      ... on CreateScopePayload { scope { id name } }
      ... on Error { message }
    }
  }
`);

export const UpdateScopeMutation = graphql(`
  mutation UpdateScope($input: UpdateScopeInput!) {
    updateScope(input: $input) {
      __typename
      ... on UpdateScopePayload { scope { id description } }
      ... on Error { message }
    }
  }
`);

export const RetireScopeMutation = graphql(`
  mutation RetireScope($input: RetireScopeInput!) {
    retireScope(input: $input) {
      __typename
      ... on RetireScopePayload { scope { id retiredAt } }
      ... on Error { message }
    }
  }
`);

export const RestoreScopeMutation = graphql(`
  mutation RestoreScope($input: RestoreScopeInput!) {
    restoreScope(input: $input) {
      __typename
      ... on RestoreScopePayload { scope { id retiredAt } }
      ... on Error { message }
    }
  }
`);

export const CreateApiVersionMutation = graphql(`
  mutation CreateApiVersion($input: CreateApiVersionInput!) {
    createApiVersion(input: $input) {
      __typename
      ... on CreateApiVersionPayload { apiVersion { id name } }
      ... on Error { message }
    }
  }
`);

export const DeprecateApiVersionMutation = graphql(`
  mutation DeprecateApiVersion($input: DeprecateApiVersionInput!) {
    deprecateApiVersion(input: $input) {
      __typename
      ... on DeprecateApiVersionPayload { apiVersion { id deprecated deprecatedAt sunsetAt } }
      ... on Error { message }
    }
  }
`);

export const SetDefaultApiVersionMutation = graphql(`
  mutation SetDefaultApiVersion($input: SetDefaultApiVersionInput!) {
    setDefaultApiVersion(input: $input) {
      __typename
      ... on SetDefaultApiVersionPayload { apiVersion { id isDefault } }
      ... on Error { message }
    }
  }
`);
