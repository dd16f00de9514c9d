import { graphql, type ResultOf } from "../../lib/graphql.ts";

export const AuditEventsQuery = graphql(`
  query AuditEvents($slug: String!, $first: Int!, $after: String, $filter: AuditEventFilter, $orderBy: AuditEventOrder) {
    organization(slug: $slug) {
      id
      auditEvents(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
        totalCount
        pageInfo { hasNextPage endCursor }
        nodes {
          id action actorLabel actorType actorId targetType targetLabel targetId sourceAddress userAgent createdAt
          changes { field from to }
        }
      }
    }
  }
`);

export type AuditEventRow = NonNullable<
  ResultOf<typeof AuditEventsQuery>["organization"]
>["auditEvents"]["nodes"][number];

/** What the target filter can pick, searched on the server as the admin types. */
export const AuditTargetsQuery = graphql(`
  query AuditTargets($slug: String!, $search: String!) {
    organization(slug: $slug) {
      id
      apiKeys(first: 8, filter: { search: $search }, orderBy: { field: NAME }) { nodes { id name } }
      customerAccounts(first: 8, filter: { search: $search }, orderBy: { field: NAME }) { nodes { id name } }
      resources(first: 8, filter: { search: $search }, orderBy: { field: NAME }) { nodes { id name kind } }
    }
  }
`);
