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

const errors = "... on Error { code message } ... on ValidationError { field }";
const resourcePayload = (name: string) =>
  `... on ${name} { resource { ${resource} accessEntries { permission user { id } apiKey { id } } } }`;

export const updateResourceDocument = `mutation($input: UpdateResourceInput!) {
  updateResource(input: $input) { __typename ${resourcePayload("UpdateResourcePayload")} ${errors} }
}`;
export const moveResourceDocument = `mutation($input: MoveResourceInput!) {
  moveResource(input: $input) { __typename ${resourcePayload("MoveResourcePayload")} ${errors} }
}`;
export const deleteResourceDocument = `mutation($input: DeleteResourceInput!) {
  deleteResource(input: $input) {
    __typename
    ... on DeleteResourcePayload {
      deletedResourceId deletedResourceIds
      restrictionsLost { apiKey { id } keyName lostResourceCount leftWithNoResources }
    }
    ${errors}
  }
}`;
export const transferOwnershipDocument = `mutation($input: TransferResourceOwnershipInput!) {
  transferResourceOwnership(input: $input) { __typename ${resourcePayload("TransferResourceOwnershipPayload")} ${errors} }
}`;
export const grantAccessDocument = `mutation($input: GrantResourceAccessInput!) {
  grantResourceAccess(input: $input) {
    __typename
    ... on GrantResourceAccessPayload { resource { id } accessEntry { id permission user { id } apiKey { id } } }
    ${errors}
  }
}`;
export const revokeAccessDocument = `mutation($input: RevokeResourceAccessInput!) {
  revokeResourceAccess(input: $input) { __typename ${resourcePayload("RevokeResourceAccessPayload")} ${errors} }
}`;
export const childrenQuery = `query($id: ID!, $first: Int, $after: String) {
  node(id: $id) { ... on Resource { childCount children(first: $first, after: $after) {
    totalCount nodes { name } pageInfo { hasNextPage endCursor } } } }
}`;
export const deletionImpactQuery = `query($id: ID!) {
  node(id: $id) { ... on Resource { deletionImpact { resourceCount restrictionsLost { keyName lostResourceCount leftWithNoResources } } } }
}`;

/** Runs a resource mutation as `client` and returns its result (payload or error). */
export async function resourceMutation(client: Client, document: string, input: Record<string, unknown>) {
  const result = await client.gql(document, { input });
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return Object.values(result.data ?? {})[0] as Record<string, any>;
}

/** Restricts a key (inserted by the harness) to these resources (raw ids). */
export async function restrictKey(prisma: PrismaClient, keyId: string, resourceIds: string[]) {
  await prisma.apiKey.update({ where: { id: keyId }, data: { allResources: false } });
  await prisma.apiKeyResource.createMany({ data: resourceIds.map((resourceId) => ({ apiKeyId: keyId, resourceId })) });
}
