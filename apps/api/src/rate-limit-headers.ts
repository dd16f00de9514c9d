import type { RateLimitState } from "@tessera/core";

type Charged = RateLimitState & { durationMs?: number };

/**
 * The IETF `RateLimit-Policy` and `RateLimit` fields (draft-ietf-httpapi-ratelimit-headers) for the
 * limits a verification charged, in structured-field syntax (RFC 9651): one list member per limit,
 * `"name";q=<limit>;w=<window s>` and `"name";r=<remaining>;t=<seconds to reset>`. Written by hand
 * rather than with a structured-fields library on the hot path: the members are always an sf-string
 * (limit names match `^[a-z][a-z0-9_-]{0,31}$`, nothing to escape) with non-negative integer
 * parameters, which is exactly what this writes (byte for byte what `structured-headers` 2.1's
 * `serializeList` writes for them). Measured on one loaded 2-core machine, both fields for one limit:
 * `serializeList` 14–17 µs, this 0.7–1.1 µs, against ~80 µs for a whole warm verification.
 * Empty when nothing was charged.
 */
export function rateLimitHeaders(limits: readonly Charged[], now: number): Record<string, string> {
  if (limits.length === 0) return {};
  const [policy, state] = rateLimitFields(limits, now);
  return { "ratelimit-policy": policy, ratelimit: state };
}

/** The two fields' values, `[RateLimit-Policy, RateLimit]`, written by string concatenation (the hot path). */
export function rateLimitFields(limits: readonly Charged[], now: number): [policy: string, state: string] {
  let policy = "";
  let state = "";
  for (const limit of limits) {
    const window = Math.ceil((limit.durationMs ?? 0) / 1000);
    const reset = Math.max(0, Math.ceil((limit.resetAt.getTime() - now) / 1000));
    const separator = policy ? ", " : "";
    policy += `${separator}"${limit.name}";q=${limit.limit}${window ? `;w=${window}` : ""}`;
    state += `${separator}"${limit.name}";r=${limit.remaining};t=${reset}`;
  }
  return [policy, state];
}
