import { timingSafeEqual } from "node:crypto";
import type { ServerResponse } from "node:http";
import { type Verification, verifyCodes } from "@tessera/core";
import { getOperationAST } from "graphql";
import type { Plugin } from "graphql-yoga";
import { Counter, Gauge, Histogram, Registry } from "prom-client";

/**
 * Prometheus metrics, one registry per app (so tests can build several apps in one process):
 * verifications by code and their latency, cache hits, misses, invalidations and size, how long
 * counted usage has waited for its flush, and GraphQL operation durations.
 */
export function createMetrics(verification: Verification) {
  const registry = new Registry();
  const verifications = new Counter({
    name: "tessera_verifications_total",
    help: "Verifications answered, by code (both doors).",
    labelNames: ["code"],
    registers: [registry],
  });
  const latency = new Histogram({
    name: "tessera_verification_duration_seconds",
    help: "Time to answer a verification inside Tessera (cache or database lookups included, HTTP excluded).",
    buckets: [0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.1],
    registers: [registry],
  });
  // Children created once: labelling on every call would cost the hot path a lookup by label object.
  const byCode = new Map(verifyCodes.map((code) => [code, verifications.labels(code)]));
  verification.observer = (code, seconds) => {
    byCode.get(code)?.inc();
    latency.observe(seconds);
  };

  const stats = verification.gate.stats;
  const statCounter = (name: string, help: string, read: () => number) =>
    new Counter({
      name,
      help,
      registers: [registry],
      collect() {
        this.reset();
        this.inc(read());
      },
    });
  statCounter("tessera_verification_cache_hits_total", "Lookups answered from the cache.", () => stats.hits);
  statCounter("tessera_verification_cache_misses_total", "Lookups that read the database.", () => stats.misses);
  statCounter(
    "tessera_verification_cache_invalidations_total",
    "Cache invalidations (local changes, NOTIFY from other instances, flushes).",
    () => stats.invalidations,
  );
  new Gauge({
    name: "tessera_verification_cache_entries",
    help: "Entries held by the key cache.",
    registers: [registry],
    collect() {
      this.set(verification.keys.size);
    },
  });
  new Gauge({
    name: "tessera_verification_cache_bypassed",
    help: "1 while the cache is bypassed (the LISTEN connection is down), else 0.",
    registers: [registry],
    collect() {
      this.set(verification.gate.bypass ? 1 : 0);
    },
  });
  new Gauge({
    name: "tessera_usage_flush_lag_seconds",
    help: "How long the oldest counted usage has waited to be written (0: nothing waits).",
    registers: [registry],
    collect() {
      this.set(verification.usage.lagSeconds());
    },
  });
  const operations = new Histogram({
    name: "tessera_graphql_operation_duration_seconds",
    help: "GraphQL operation execution time, by operation type.",
    labelNames: ["type"],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  const graphqlPlugin: Plugin = {
    onExecute({ args }) {
      const started = performance.now();
      const type = getOperationAST(args.document, args.operationName)?.operation ?? "unknown";
      return {
        onExecuteDone() {
          operations.labels(type).observe((performance.now() - started) / 1000);
        },
      };
    },
  };
  return { registry, graphqlPlugin };
}

export type Metrics = ReturnType<typeof createMetrics>;

/** Serves the registry; with a token set, only to `Authorization: Bearer <token>`. */
export async function handleMetricsRequest(
  authorization: string | undefined,
  res: ServerResponse,
  metrics: Metrics,
  token: string | undefined,
): Promise<void> {
  if (token && !bearerMatches(authorization, token)) {
    res.writeHead(401, { "content-type": "application/json; charset=utf-8", "www-authenticate": "Bearer" });
    res.end(
      JSON.stringify({ error: "unauthorized", message: "/metrics needs Authorization: Bearer <metrics token>." }),
    );
    return;
  }
  const text = await metrics.registry.metrics();
  res.writeHead(200, { "content-type": metrics.registry.contentType, "cache-control": "no-store" });
  res.end(text);
}

function bearerMatches(header: string | undefined, token: string): boolean {
  const given = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "")?.[1];
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}
