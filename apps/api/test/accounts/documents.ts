import type { PrismaClient } from "@tessera/db";
import type { Client } from "../support/harness.ts";

/** A Relay global id, built the way clients receive them (base64 of `Type:id`). */
export function globalId(typename: string, id: string): string {
  return Buffer.from(`${typename}:${id}`).toString("base64");
}

/** The database id inside a global id, to look rows up directly. */
export function rawId(global: string): string {
  return Buffer.from(global, "base64").toString().split(":")[1] ?? "";
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

/** Accounts and account audit events of one organization, to assert that a failure changed nothing. */
export async function accountSnapshot(prisma: PrismaClient, organizationId: string) {
  return {
    accounts: await prisma.customerAccount.findMany({ where: { organizationId }, orderBy: { id: "asc" } }),
    audit: await prisma.auditEvent.count({ where: { organizationId, action: { startsWith: "customer_account." } } }),
  };
}
