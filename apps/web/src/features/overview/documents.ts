import { graphql } from "../../lib/graphql.ts";

/** The Overview's keys: counts by status and the expiring keys (the soonest are listed with Renew). */
export const OverviewKeysQuery = graphql(`
  query OverviewKeys($slug: String!) {
    organization(slug: $slug) {
      id
      active: apiKeys(first: 1, filter: { statuses: [ACTIVE] }) { totalCount }
      expired: apiKeys(first: 1, filter: { statuses: [EXPIRED] }) { totalCount }
      revoked: apiKeys(first: 1, filter: { statuses: [REVOKED] }) { totalCount }
      expiring: apiKeys(first: 100, filter: { statuses: [EXPIRING] }) {
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
