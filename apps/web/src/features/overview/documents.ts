import { graphql } from "../../lib/graphql.ts";

/**
 * The Overview's keys: counts by status, and the keys expiring before `expiringBefore` (30 days from
 * now), soonest first, asked of the server with their count: the first few are listed with Renew.
 */
export const OverviewKeysQuery = graphql(`
  query OverviewKeys($slug: String!, $expiringBefore: DateTime!, $listed: Int!) {
    organization(slug: $slug) {
      id
      active: apiKeys(first: 1, filter: { statuses: [ACTIVE] }) { totalCount }
      expiring: apiKeys(first: 1, filter: { statuses: [EXPIRING] }) { totalCount }
      expired: apiKeys(first: 1, filter: { statuses: [EXPIRED] }) { totalCount }
      revoked: apiKeys(first: 1, filter: { statuses: [REVOKED] }) { totalCount }
      expiringSoon: apiKeys(
        first: $listed
        filter: { statuses: [EXPIRING], expiresBefore: $expiringBefore }
        orderBy: { field: EXPIRES_AT, direction: ASC }
      ) {
        totalCount
        nodes { id name status expiresAt }
      }
    }
  }
`);

/**
 * The Overview's usage over the last 30 days, from the daily totals: a few hundred rows whatever the
 * number of keys.
 */
export const OverviewUsageQuery = graphql(`
  query OverviewUsage($slug: String!, $since: DateTime!, $until: DateTime!) {
    organization(slug: $slug) {
      id
      verificationUsage(since: $since, until: $until, granularity: DAY) { start total byCode { code count } }
      verificationTopKeys(since: $since, until: $until, first: 5) { apiKey { id name status } total valid refused }
      verificationRefusals(since: $since, until: $until) { code count }
    }
  }
`);
