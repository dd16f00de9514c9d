import { graphql } from "../../lib/graphql.ts";

export const AuditEventsQuery = graphql(`
  query AuditEvents($slug: String!, $first: Int!, $after: String, $filter: AuditEventFilter) {
    organization(slug: $slug) {
      id
      members { role user { id email name } }
      auditEvents(first: $first, after: $after, filter: $filter) {
        totalCount
        pageInfo { hasNextPage endCursor }
        nodes { id action actorLabel actorType targetType targetLabel targetId sourceAddress createdAt changes }
      }
    }
  }
`);
