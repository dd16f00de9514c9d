import type { PrismaClient } from "@tessera/db";
import { globalId, rawId } from "../accounts/documents.ts";
import type { Client } from "../support/harness.ts";

export { globalId, rawId };

const resource = "id kind name parent { id name } ownerUsers { id email } ownerKeys { id name }";

export const createResourceDocument = `mutation Create($input: CreateResourceInput!) {
  createResource(input: $input) {
    __typename
    ... on CreateResourcePayload { resource { ${resource} } }
    ... on Error { code message }
    ... on ValidationError { field }
  }
}`;

export const listResources = `query List($slug: String!, $first: Int, $after: String, $filter: ResourceFilter) {
  organization(slug: $slug) {
    resources(first: $first, after: $after, filter: $filter) {
      totalCount
      nodes { name kind }
      pageInfo { hasNextPage endCursor }
    }
  }
}`;

export type CreatedResource = { id: string; kind: string; name: string; parent: { id: string; name: string } | null };

/** Creates a resource through the API as `client`; `parentId` is a global id. */
export async function createResourceAs(
  client: Client,
  organizationId: string,
  input: { kind: string; name: string; parentId?: string },
): Promise<CreatedResource> {
  const result = await client.gql(createResourceDocument, {
    input: { organizationId: globalId("Organization", organizationId), ...input },
  });
  const payload = result.data?.createResource;
  if (payload?.__typename !== "CreateResourcePayload") {
    throw new Error(`createResource failed: ${JSON.stringify(result)}`);
  }
  return payload.resource;
}

/** Resources, owners and resource audit events of one organization, to assert a failure changed nothing. */
export async function resourceSnapshot(prisma: PrismaClient, organizationId: string) {
  return {
    resources: await prisma.resource.findMany({ where: { organizationId }, orderBy: { id: "asc" } }),
    owners: await prisma.resourceOwner.count({ where: { resource: { organizationId } } }),
    audit: await prisma.auditEvent.count({ where: { organizationId, action: { startsWith: "resource." } } }),
  };
}
