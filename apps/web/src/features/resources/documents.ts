import { graphql, type ResultOf } from "../../lib/graphql.ts";

export const ResourceNodeFields = graphql(`
  fragment ResourceNode on Resource { id name kind childCount }
`);

/** One item of the tree: enough to draw it and to know whether it can open. */
export type ResourceNode = ResultOf<typeof ResourceNodeFields>;

/** The roots of the tree, or (with a search) every resource whose name matches, flat. */
export const ResourceRootsQuery = graphql(
  `
  query ResourceRoots($slug: String!, $filter: ResourceFilter) {
    organization(slug: $slug) {
      id
      resources(first: 100, filter: $filter) {
        totalCount
        nodes { ...ResourceNode parent { id name } }
      }
    }
  }
`,
  [ResourceNodeFields],
);

/** What a group contains, a page at a time: loaded when the group is opened. */
export const ResourceChildrenQuery = graphql(
  `
  query ResourceChildren($id: ID!, $after: String) {
    node(id: $id) {
      id
      ... on Resource {
        children(first: 50, after: $after) {
          totalCount
          pageInfo { hasNextPage endCursor }
          nodes { ...ResourceNode }
        }
      }
    }
  }
`,
  [ResourceNodeFields],
);

export const ResourceDetailsQuery = graphql(`
  query ResourceDetails($id: ID!) {
    node(id: $id) {
      id
      ... on Resource {
        name kind createdAt childCount
        parent { id name }
        ownerUsers { id email name }
        ownerKeys { id name }
        accessEntries { id permission user { id email } apiKey { id name } }
      }
    }
  }
`);

export type ResourceDetails = Extract<NonNullable<ResultOf<typeof ResourceDetailsQuery>["node"]>, { name: string }>;

export const DeletionImpactQuery = graphql(`
  query DeletionImpact($id: ID!) {
    node(id: $id) {
      id
      ... on Resource { deletionImpact { resourceCount restrictionsLost { keyName lostResourceCount leftWithNoResources } } }
    }
  }
`);

/** Groups a resource can move into, found by name. */
export const GroupSearchQuery = graphql(`
  query GroupSearch($slug: String!, $search: String) {
    organization(slug: $slug) {
      id
      resources(first: 20, filter: { kinds: [VEHICLE_GROUP], search: $search }) { nodes { id name parent { name } } }
    }
  }
`);

/** Who can own or be granted a resource: members and usable keys matching the text, searched on the server. */
export const PrincipalsQuery = graphql(`
  query Principals($slug: String!, $search: String) {
    organization(slug: $slug) {
      id
      members(search: $search) { role user { id email name } }
      apiKeys(first: 25, filter: { search: $search, statuses: [ACTIVE, EXPIRING] }, orderBy: { field: NAME }) {
        nodes { id name role hint }
      }
    }
  }
`);

export const CreateResourceMutation = graphql(`
  mutation CreateResource($input: CreateResourceInput!) {
    createResource(input: $input) { __typename ... on CreateResourcePayload { resource { id name } } ... on Error { message } }
  }
`);
export const UpdateResourceMutation = graphql(`
  mutation UpdateResource($input: UpdateResourceInput!) {
    updateResource(input: $input) { __typename ... on UpdateResourcePayload { resource { id name } } ... on Error { message } }
  }
`);
export const MoveResourceMutation = graphql(`
  mutation MoveResource($input: MoveResourceInput!) {
    moveResource(input: $input) { __typename ... on MoveResourcePayload { resource { id parent { id } } } ... on Error { message } }
  }
`);
export const DeleteResourceMutation = graphql(`
  mutation DeleteResource($input: DeleteResourceInput!) {
    deleteResource(input: $input) { __typename ... on DeleteResourcePayload { deletedResourceIds } ... on Error { message } }
  }
`);
export const TransferOwnershipMutation = graphql(`
  mutation TransferResourceOwnership($input: TransferResourceOwnershipInput!) {
    transferResourceOwnership(input: $input) {
      __typename ... on TransferResourceOwnershipPayload { resource { id } } ... on Error { message }
    }
  }
`);
export const GrantAccessMutation = graphql(`
  mutation GrantResourceAccess($input: GrantResourceAccessInput!) {
    grantResourceAccess(input: $input) { __typename ... on GrantResourceAccessPayload { resource { id } } ... on Error { message } }
  }
`);
export const RevokeAccessMutation = graphql(`
  mutation RevokeResourceAccess($input: RevokeResourceAccessInput!) {
    revokeResourceAccess(input: $input) { __typename ... on RevokeResourceAccessPayload { resource { id } } ... on Error { message } }
  }
`);
