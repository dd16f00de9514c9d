import type { Client } from "../support/harness.ts";

/** A Relay global id, built the way clients receive them (base64 of `Type:id`). */
export function globalId(typename: string, id: string): string {
  return Buffer.from(`${typename}:${id}`).toString("base64");
}

const account = "id name status token createdAt";
const outcome = (payload: string) => `__typename
    ... on ${payload} { customerAccount { ${account} } }
    ... on Error { code message }
    ... on ValidationError { field }`;

export const createAccount = `mutation Create($input: CreateCustomerAccountInput!) {
  createCustomerAccount(input: $input) { ${outcome("CreateCustomerAccountPayload")} }
}`;

export const updateAccount = `mutation Update($input: UpdateCustomerAccountInput!) {
  updateCustomerAccount(input: $input) { ${outcome("UpdateCustomerAccountPayload")} }
}`;

export const rotateToken = `mutation Rotate($input: RotateAccountTokenInput!) {
  rotateAccountToken(input: $input) { ${outcome("RotateAccountTokenPayload")} }
}`;

export const listAccounts = `query List($slug: String!, $first: Int, $after: String, $filter: CustomerAccountFilter) {
  organization(slug: $slug) {
    customerAccounts(first: $first, after: $after, filter: $filter) {
      totalCount
      edges { cursor node { ${account} } }
      nodes { name }
      pageInfo { hasNextPage endCursor }
    }
  }
}`;

/** Creates an account through the API as `client` and returns the payload's account. */
export async function createAccountAs(client: Client, organizationId: string, name: string) {
  const result = await client.gql(createAccount, {
    input: { organizationId: globalId("Organization", organizationId), name },
  });
  const payload = result.data?.createCustomerAccount;
  if (payload?.__typename !== "CreateCustomerAccountPayload") {
    throw new Error(`createCustomerAccount failed: ${JSON.stringify(result)}`);
  }
  return payload.customerAccount as {
    id: string;
    name: string;
    status: string;
    token: string | null;
    createdAt: string;
  };
}
