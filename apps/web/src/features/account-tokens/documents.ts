import { graphql, type ResultOf } from "../../lib/graphql.ts";

export const CustomerAccountRowFields = graphql(`
  fragment CustomerAccountRow on CustomerAccount {
    id name status token createdAt
    rateLimits { name limit durationMs autoApply }
  }
`);

/** A row of the Account Tokens table, as the server answers it. */
export type CustomerAccountRow = ResultOf<typeof CustomerAccountRowFields>;

export const CustomerAccountsQuery = graphql(
  `
  query CustomerAccounts($slug: String!, $first: Int!, $after: String, $filter: CustomerAccountFilter, $orderBy: CustomerAccountOrder) {
    organization(slug: $slug) {
      id
      customerAccounts(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
        totalCount
        pageInfo { hasNextPage endCursor }
        nodes { ...CustomerAccountRow }
      }
    }
  }
`,
  [CustomerAccountRowFields],
);

export const CreateCustomerAccountMutation = graphql(`
  mutation CreateCustomerAccount($input: CreateCustomerAccountInput!) {
    createCustomerAccount(input: $input) {
      __typename
      ... on CreateCustomerAccountPayload {
        customerAccount { id name status token createdAt rateLimits { name limit durationMs autoApply } }
      }
      ... on Error { message }
    }
  }
`);

export const UpdateCustomerAccountMutation = graphql(`
  mutation UpdateCustomerAccount($input: UpdateCustomerAccountInput!) {
    updateCustomerAccount(input: $input) {
      __typename
      ... on UpdateCustomerAccountPayload {
        customerAccount { id name status token rateLimits { name limit durationMs autoApply } }
      }
      ... on Error { message }
    }
  }
`);

export const RotateAccountTokenMutation = graphql(`
  mutation RotateAccountToken($input: RotateAccountTokenInput!) {
    rotateAccountToken(input: $input) {
      __typename
      ... on RotateAccountTokenPayload { customerAccount { id token } }
      ... on Error { message }
    }
  }
`);
