import { timingSafeEqual } from "node:crypto";
import type { ServerResponse } from "node:http";
import { type VerificationObserver, type VerificationStats, verifyCodes } from "@tessera/core";
import { getOperationAST } from "graphql";
import type { Plugin } from "graphql-yoga";
import { Counter, Gauge, Histogram, Registry } from "prom-client";

/**
 * Prometheus metrics, one registry per app (so tests can build several apps in one process):
 * verifications by code and their latency, cache hits, misses, invalidations and size, the existence
 * filter's rejections, size and trust, how long
 * counted usage has waited for its flush, and GraphQL operation durations. `verificationStats` is
 * read only at scrape time, and `observeVerification` is handed to the Verification at its
 * construction.
 */
export function createMetrics(verificationStats: () => VerificationStats) {
  const registry = new Registry();
  // The hot path only bumps plain numbers; prom-client reads them when scraped. (Counter.inc and
  // Histogram.observe hash their labels on every call, which cost the lean door a visible share
  // of its throughput.)
  const counts = new Map<string, number>(verifyCodes.map((code) => [code, 0]));
  const latency = new LocalHistogram(
    "tessera_verification_duration_seconds",
    "Time to answer a verification inside Tessera (cache or database lookups included, HTTP excluded).",
    [0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.1],
  );
  registry.registerMetric(latency as never);
  const observeVerification: VerificationObserver = (code, seconds) => {
    counts.set(code, (counts.get(code) ?? 0) + 1);
    latency.observe(seconds);
  };
  new Counter({
    name: "tessera_verifications_total",
    help: "Verifications answered, by code (both doors).",
    labelNames: ["code"],
    registers: [registry],
    collect() {
      this.reset();
      for (const [code, n] of counts) if (n) this.labels(code).inc(n);
    },
  });

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
  statCounter(
    "tessera_verification_cache_hits_total",
    "Lookups answered from the cache.",
    () => verificationStats().hits,
  );
  statCounter(
    "tessera_verification_cache_misses_total",
    "Lookups that read the database.",
    () => verificationStats().misses,
  );
  statCounter(
    "tessera_verification_cache_invalidations_total",
    "Cache invalidations (local changes, NOTIFY from other instances, flushes).",
    () => verificationStats().invalidations,
  );
  statCounter(
    "tessera_verification_filter_rejections_total",
    "Lookups of a key or account token the existence filter knew did not exist: database reads avoided.",
    () => verificationStats().filter.rejections,
  );
  new Gauge({
    name: "tessera_verification_filter_entries",
    help: "Key hashes and account-token digests held by the existence filter (deleted ones stay until a reload).",
    registers: [registry],
    collect() {
      this.set(verificationStats().filter.entries);
    },
  });
  new Gauge({
    name: "tessera_verification_filter_trusted",
    help: "1 while the existence filter's 'does not exist' is trusted (loaded, LISTEN up), else 0.",
    registers: [registry],
    collect() {
      this.set(verificationStats().filter.trusted ? 1 : 0);
    },
  });
  new Gauge({
    name: "tessera_verification_cache_entries",
    help: "Entries held by the key cache.",
    registers: [registry],
    collect() {
      this.set(verificationStats().keyEntries);
    },
  });
  new Gauge({
    name: "tessera_verification_cache_bypassed",
    help: "1 while the cache is bypassed (the LISTEN connection is down), else 0.",
    registers: [registry],
    collect() {
      this.set(verificationStats().bypassed ? 1 : 0);
    },
  });
  statCounter(
    "tessera_verification_held_refusals_total",
    "Refusals held back (TESSERA_VERIFY_FAILURE_DELAY_MS) because their address was over its failure limit.",
    () => verificationStats().heldRefusals,
  );
  statCounter(
    "tessera_rate_limit_degraded_total",
    "Verifications whose rate limits were decided by this instance's memory limiter because Redis was unreachable.",
    () => verificationStats().degradedAnswers,
  );
  new Gauge({
    name: "tessera_rate_limit_store_degraded",
    help: "1 while the Redis rate-limit store is unreachable (limits count per instance), else 0.",
    registers: [registry],
    collect() {
      this.set(verificationStats().rateLimitStoreDegraded ? 1 : 0);
    },
  });
  new Gauge({
    name: "tessera_usage_flush_lag_seconds",
    help: "How long the oldest counted usage has waited to be written (0: nothing waits).",
    registers: [registry],
    collect() {
      this.set(verificationStats().usageFlushLagSeconds);
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
  return { registry, graphqlPlugin, observeVerification };
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

/**
 * A histogram the hot path feeds with one array increment, exposed to prom-client as a metric
 * object (name, help, type and `get()` with the usual _bucket/_sum/_count series).
 */
class LocalHistogram {
  readonly type = "histogram";
  readonly aggregator = "sum";
  private readonly counts: number[];
  private sum = 0;
  private count = 0;

  constructor(
    readonly name: string,
    readonly help: string,
    private readonly bounds: number[],
  ) {
    this.counts = bounds.map(() => 0);
  }

  observe(value: number): void {
    this.sum += value;
    this.count++;
    const i = this.bounds.findIndex((bound) => value <= bound);
    if (i >= 0) this.counts[i] = (this.counts[i] ?? 0) + 1;
  }

  async get() {
    let cumulative = 0;
    const buckets = this.bounds.map((le, i) => {
      cumulative += this.counts[i] ?? 0;
      return { labels: { le }, value: cumulative, metricName: `${this.name}_bucket` };
    });
    return {
      name: this.name,
      help: this.help,
      type: this.type,
      aggregator: this.aggregator,
      values: [
        ...buckets,
        { labels: { le: "+Inf" }, value: this.count, metricName: `${this.name}_bucket` },
        { labels: {}, value: this.sum, metricName: `${this.name}_sum` },
        { labels: {}, value: this.count, metricName: `${this.name}_count` },
      ],
    };
  }

  reset(): void {}
}
