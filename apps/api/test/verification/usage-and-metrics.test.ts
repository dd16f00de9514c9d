import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { generateApiKey } from "@tessera/core";
import { describe, expect, it } from "vitest";
import { silentLogger } from "../../src/log.ts";
import { createApp } from "../../src/server.ts";
import { useHarness } from "../support/harness.ts";
import { sharedWorld } from "./fixtures.ts";
import { useHttpServer, verifyOverGraphQL, verifyOverHttp } from "./support.ts";

const h = useHarness();
const world = sharedWorld(h);
const http = useHttpServer(() => h.app);
const hourMs = 3_600_000;

const keyUsage = `query U($id: ID!, $since: DateTime!, $until: DateTime!, $granularity: UsageGranularity) {
  node(id: $id) { ... on ApiKey { lastUsedAt usage(since: $since, until: $until, granularity: $granularity) {
    start total byCode { code count } } } }
}`;
const orgUsage = `query O($slug: String!, $since: DateTime!, $until: DateTime!) {
  organization(slug: $slug) { verificationUsage(since: $since, until: $until, granularity: DAY) { start total } }
}`;

describe("usage", () => {
  it("is counted per key, hour and outcome, written by the flush, and read back by hour, by day and per organization", async () => {
    const w = await world();
    const strict = { key: w.keys.strict.secret, userAgent: "FleetApp/2" };
    for (let i = 0; i < 3; i++) await verifyOverHttp(http.url, strict);
    await verifyOverGraphQL(h.app, { ...strict, scope: "routes:write" });
    await verifyOverGraphQL(h.app, { ...strict, userAgent: "curl" });
    await verifyOverHttp(http.url, { key: w.keys.full.secret });
    const now = h.clock.now();
    const since = new Date(now.getTime() - 2 * hourMs).toISOString();
    const until = new Date((Math.floor(now.getTime() / hourMs) + 1) * hourMs).toISOString();
    const variables = { id: w.keys.strict.apiKey.id, since, until };

    const before = await w.org.as.ADMIN.gql(keyUsage, variables);
    expect(before.data?.node.usage.map((b: { total: number }) => b.total)).toEqual([0, 0, 0]);
    expect(before.data?.node.lastUsedAt).toBeNull();

    await h.app.verification.usage.flush();
    const hourly = (await w.org.as.VIEWER.gql(keyUsage, variables)).data?.node;
    expect(hourly.usage).toHaveLength(3);
    type Bucket = { start: string; total: number; byCode: { code: string; count: number }[] };
    const buckets = hourly.usage as Bucket[];
    expect(buckets.map((b) => new Date(b.start).getTime() % hourMs)).toEqual([0, 0, 0]);
    // Summed, so that a test running across the turn of an hour still adds up.
    expect(buckets.reduce((sum, b) => sum + b.total, 0)).toBe(5);
    const byCode: Record<string, number> = {};
    for (const { code, count } of buckets.flatMap((b) => b.byCode)) byCode[code] = (byCode[code] ?? 0) + count;
    expect(byCode).toEqual({ INSUFFICIENT_SCOPE: 1, USER_AGENT_NOT_ALLOWED: 1, VALID: 3 });
    expect(hourly.lastUsedAt).not.toBeNull();

    const daily = await w.org.as.VIEWER.gql(keyUsage, { ...variables, granularity: "DAY" });
    expect(daily.data?.node.usage.reduce((sum: number, b: Bucket) => sum + b.total, 0)).toBe(5);
    const org = await w.org.as.VIEWER.gql(orgUsage, { slug: w.org.org.slug, since, until });
    expect(org.data?.organization.verificationUsage.reduce((sum: number, b: Bucket) => sum + b.total, 0)).toBe(6);
    const otherOrg = await w.other.as.OWNER.gql(orgUsage, { slug: w.other.org.slug, since, until });
    expect(otherOrg.data?.organization.verificationUsage.every((b: Bucket) => b.total === 0)).toBe(true);
  });

  it("refuses a backwards or too long range with a clear error", async () => {
    const w = await world();
    const id = w.keys.full.apiKey.id;
    const backwards = await w.org.as.OWNER.gql(keyUsage, {
      id,
      since: "2026-01-02T00:00:00Z",
      until: "2026-01-01T00:00:00Z",
    });
    expect(backwards.errors?.[0]?.message).toBe("`until` must be later than `since`.");
    const tooLong = await w.org.as.OWNER.gql(keyUsage, {
      id,
      since: "2025-01-01T00:00:00Z",
      until: "2026-01-01T00:00:00Z",
    });
    expect(tooLong.errors?.[0]?.message).toMatch(/^At most 744 hourly buckets/);
  });
});

describe("/metrics", () => {
  it("counts verifications by code, cache activity and GraphQL operations, behind the metrics token when set", async () => {
    const w = await world();
    const app = createApp({
      prisma: h.db.prisma,
      logger: silentLogger,
      clock: h.clock,
      metricsToken: "s3cret-metrics",
    });
    const server = createServer((req, res) => void app.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      await verifyOverHttp(base, { key: w.keys.full.secret });
      await verifyOverHttp(base, { key: w.keys.full.secret });
      await verifyOverGraphQL(app, { key: w.keys.revoked.secret });
      while (!app.verification.stats().filter.trusted) await new Promise((resolve) => setTimeout(resolve, 10));
      await verifyOverHttp(base, { key: generateApiKey().secret }); // made up: the filter answers
      expect((await fetch(`${base}/metrics`)).status).toBe(401);
      expect((await fetch(`${base}/metrics`, { headers: { authorization: "Bearer wrong" } })).status).toBe(401);
      const response = await fetch(`${base}/metrics`, { headers: { authorization: "Bearer s3cret-metrics" } });
      expect(response.status).toBe(200);
      const text = await response.text();
      expect(text).toContain('tessera_verifications_total{code="VALID"} 2');
      expect(text).toContain('tessera_verifications_total{code="REVOKED"} 1');
      expect(text).toContain('tessera_verifications_total{code="NOT_FOUND"} 1');
      expect(text).toContain("tessera_verification_duration_seconds_count 4");
      expect(text).toContain("tessera_verification_filter_rejections_total 1");
      expect(text).toMatch(/tessera_verification_filter_entries [1-9]/);
      expect(text).toContain("tessera_verification_filter_trusted 1");
      expect(text).toContain("tessera_verification_cache_hits_total 1");
      expect(text).toMatch(/tessera_verification_cache_misses_total [1-9]/);
      expect(text).toContain("tessera_usage_flush_lag_seconds");
      expect(text).toContain('tessera_graphql_operation_duration_seconds_count{type="query"} 1');
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await app.close();
    }
  });
});
