import { graphql } from "../../lib/graphql.ts";
import { ApiKeyRowFields } from "../api-keys/documents.ts";

/**
 * Everything the Overview shows, in one request: keys by status (counts only), the expiring keys,
 * and the last 30 days of usage from the daily totals (a few hundred rows whatever the number of keys).
 */
export const OverviewQuery = graphql(
  `
  query Overview($slug: String!, $since: DateTime!, $until: DateTime!) {
    organization(slug: $slug) {
      id
      active: apiKeys(first: 1, filter: { statuses: [ACTIVE] }) { totalCount }
      expiring: apiKeys(first: 1, filter: { statuses: [EXPIRING] }) { totalCount }
      expired: apiKeys(first: 1, filter: { statuses: [EXPIRED] }) { totalCount }
      revoked: apiKeys(first: 1, filter: { statuses: [REVOKED] }) { totalCount }
      expiringSoon: apiKeys(first: 100, filter: { statuses: [EXPIRING] }) {
        totalCount
        nodes { ...ApiKeyRow }
      }
      verificationUsage(since: $since, until: $until, granularity: DAY) { start total byCode { code count } }
      verificationTopKeys(since: $since, until: $until, first: 5) { apiKey { id name status } total valid refused }
      verificationRefusals(since: $since, until: $until) { code count }
    }
  }
`,
  [ApiKeyRowFields],
);
