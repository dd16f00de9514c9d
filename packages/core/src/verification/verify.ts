import type { KeyRole } from "@tessera/db";
import { hashApiKey, isWellFormedApiKey, mayBeApiKey } from "../api-key-secret.ts";
import type { Clock } from "../clock.ts";
import { type VerifyCode, verifyCodes } from "./codes.ts";
import type { CreditStore } from "./credits.ts";
import type { AccountEntry, KeyEntry, ResourceChain } from "./entry.ts";
import type { ChargedLimit, RateLimits } from "./rate-limits.ts";
import { keyStateCode, type Looked, restrictionCode, type VerifyRequest } from "./rules.ts";
import { chargeTraffic, hasTraffic, type TrafficOutcome, type TrafficRequest } from "./traffic.ts";

/** What a service asks: the key, and optionally what the request it received wants to do and what to charge. */
export type VerifyApiKeyInput = VerifyRequest & TrafficRequest & { key: string };

/** A valid key says who it is; a refused one says only why (never which key or organization). */
export type VerifyApiKeyResult =
  | {
      valid: true;
      code: "VALID";
      keyId: string;
      organizationId: string;
      customerAccountId: string | null;
      role: KeyRole;
      apiVersion: string;
      /** When the key's API version was deprecated (the `Deprecation` header); null while current. */
      apiVersionDeprecatedAt: Date | null;
      /** The announced end of the key's API version (the `Sunset` header); null when none. */
      apiVersionSunsetAt: Date | null;
      scopes: readonly string[];
      expiresAt: Date;
      /** The limits this verification charged, as they are after it. */
      ratelimits: readonly ChargedLimit[];
      /** Credits left after this verification; null for a key with unlimited usage. */
      creditsRemaining: number | null;
      /** True when Redis was unreachable and this instance's own limiter decided. */
      degraded: boolean;
      /** See `sharedAnswer`. */
      [sharedAnswer]?: VerifyApiKeyResult;
    }
  | {
      valid: false;
      code: Exclude<VerifyCode, "VALID">;
      /** RATE_LIMITED by a key or account limit: the exhausted one (the failure limiter's is anonymous). */
      ratelimit?: ChargedLimit;
      ratelimits?: readonly ChargedLimit[];
      /** USAGE_EXCEEDED: what is left (less than the cost). */
      creditsRemaining?: number;
      degraded?: boolean;
    };

export type Lookup<V> = {
  get(lookupKey: string): Promise<V | null>;
  /** What memory alone says: the value, null when certainly absent, undefined when only `get` can tell. */
  peek(lookupKey: string): V | null | undefined;
};

export type VerifyDeps = {
  keys: Lookup<KeyEntry>;
  accounts: Lookup<AccountEntry>;
  resources: Lookup<ResourceChain>;
  clock: Clock;
  /** Rate limits and credits, charged last. */
  traffic: { limits: RateLimits; credits: CreditStore };
};

/** The answer, plus the key it was about (for usage counts), which the answer itself may not reveal. */
export type VerifyOutcome = { result: VerifyApiKeyResult; keyId: string | null };

/**
 * Verification, for both doors (GraphQL `verifyApiKey` and `POST /v1/keys/verify`), in the spec's
 * order. A malformed key or a bad checksum is refused before any lookup that could reach the
 * database: typos and random guesses never cost a cache slot or a query. Looked-up rows come from the
 * caches in `deps`.
 *
 * Synchronous when memory has everything (a cached key, no account or resource to look up, limits
 * counted in memory): the hot path then allocates no promise. A key found in the cache is genuine
 * (its SHA-256 matched a stored key), so its checksum is not computed again.
 */
export function verifyApiKey(input: VerifyApiKeyInput, deps: VerifyDeps): VerifyOutcome | Promise<VerifyOutcome> {
  if (!mayBeApiKey(input.key)) return refused("NOT_FOUND", null);
  const hash = hashApiKey(input.key);
  const known = deps.keys.peek(hash);
  if (known !== undefined) return withKey(input, deps, known);
  if (!isWellFormedApiKey(input.key)) return refused("NOT_FOUND", null);
  return deps.keys.get(hash).then((entry) => withKey(input, deps, entry));
}

function withKey(
  input: VerifyApiKeyInput,
  deps: VerifyDeps,
  entry: KeyEntry | null,
): VerifyOutcome | Promise<VerifyOutcome> {
  const now = deps.clock.now();
  const stateCode = keyStateCode(entry, now);
  if (stateCode || !entry) return refused(stateCode ?? "NOT_FOUND", entry?.keyId ?? null);
  if (input.accountToken != null || input.resourceId != null) return withLooked(input, deps, entry);
  return decide(input, deps, entry, nothingLooked, now);
}

const nothingLooked: Looked = Object.freeze({});

/** The account and resource the request names, looked up (from the caches, or the database). */
async function withLooked(input: VerifyApiKeyInput, deps: VerifyDeps, entry: KeyEntry): Promise<VerifyOutcome> {
  const looked: Looked = {};
  if (input.accountToken != null) looked.account = await deps.accounts.get(input.accountToken);
  if (input.resourceId != null) looked.resource = await deps.resources.get(input.resourceId);
  return decide(input, deps, entry, looked, deps.clock.now());
}

/** The restrictions, then rate limits and credits: only once everything else has passed, so a refusal spends nothing. */
function decide(
  input: VerifyApiKeyInput,
  deps: VerifyDeps,
  entry: KeyEntry,
  looked: Looked,
  now: Date,
): VerifyOutcome | Promise<VerifyOutcome> {
  const code = restrictionCode(entry, input, looked);
  if (code !== "VALID") return refused(code, entry.keyId);
  const account = looked.account ?? null;
  const customerAccountId = account?.accountId ?? null;
  if (hasTraffic(entry, account, input)) {
    const traffic = chargeTraffic(deps.traffic, entry, account, input, now);
    if (traffic instanceof Promise) {
      return traffic.then((t) => ({ keyId: entry.keyId, result: trafficResult(entry, customerAccountId, t) }));
    }
    return { keyId: entry.keyId, result: trafficResult(entry, customerAccountId, traffic) };
  }
  if (customerAccountId) return { keyId: entry.keyId, result: validResult(entry, customerAccountId) };
  return plainOutcome(entry);
}

/** The outcome of a plain valid verification: the same for every call on one cached entry. */
function plainOutcome(entry: KeyEntry): VerifyOutcome {
  let outcome = plainOutcomes.get(entry);
  if (!outcome) {
    outcome = Object.freeze({ keyId: entry.keyId, result: plainValidResult(entry) });
    plainOutcomes.set(entry, outcome);
  }
  return outcome;
}

const plainOutcomes = new WeakMap<KeyEntry, VerifyOutcome>();

/**
 * Without an account the answer depends on the entry alone: one frozen object per cached entry, so
 * a door may memoize its serialization (it goes when the entry is invalidated).
 */
function plainValidResult(entry: KeyEntry): VerifyApiKeyResult {
  let result = plainValid.get(entry);
  if (!result) {
    result = validResult(entry, null);
    plainValid.set(entry, result);
  }
  return result;
}

const plainValid = new WeakMap<KeyEntry, VerifyApiKeyResult>();

function validResult(entry: KeyEntry, customerAccountId: string | null): VerifyApiKeyResult {
  return Object.freeze({
    valid: true,
    code: "VALID",
    keyId: entry.keyId,
    organizationId: entry.organizationId,
    customerAccountId,
    role: entry.role,
    apiVersion: entry.apiVersion,
    apiVersionDeprecatedAt: entry.apiVersionDeprecatedAt,
    apiVersionSunsetAt: entry.apiVersionSunsetAt,
    scopes: Object.freeze(entry.scopes ? [...entry.scopes] : [...entry.catalogue]),
    expiresAt: entry.expiresAt,
    ratelimits: noLimits,
    creditsRemaining: null,
    degraded: false,
  });
}

const noLimits: readonly ChargedLimit[] = Object.freeze([]);

/**
 * On a valid answer with charged limits: the entry's shared answer it extends (which differs only in
 * `ratelimits`, `creditsRemaining` and `degraded`), so a door can reuse that answer's serialization.
 * A symbol property rather than a WeakMap: a WeakMap entry per verification costs the collector more
 * than the answer itself; a symbol is invisible to JSON and GraphQL.
 */
export const sharedAnswer: unique symbol = Symbol("sharedAnswer");

/** The answer for a key with limits or credits: made per call, since what is left changes with each. */
function trafficResult(entry: KeyEntry, customerAccountId: string | null, traffic: TrafficOutcome): VerifyApiKeyResult {
  if (traffic.code === "VALID") {
    const { ratelimits, creditsRemaining, degraded } = traffic;
    // The entry's own answer (scopes copied once per entry) plus what this call charged.
    const base = customerAccountId ? validResult(entry, customerAccountId) : plainValidResult(entry);
    return withTraffic(
      base as ValidResult,
      ratelimits,
      creditsRemaining,
      degraded,
      customerAccountId ? undefined : base,
    );
  }
  return { valid: false, ...traffic };
}

type ValidResult = Extract<VerifyApiKeyResult, { valid: true }>;

/** The shared answer with this call's traffic fields, written out (an object spread costs ~20× more). */
function withTraffic(
  base: ValidResult,
  ratelimits: readonly ChargedLimit[],
  creditsRemaining: number | null,
  degraded: boolean,
  shared: VerifyApiKeyResult | undefined,
): ValidResult {
  return {
    valid: true,
    code: "VALID",
    keyId: base.keyId,
    organizationId: base.organizationId,
    customerAccountId: base.customerAccountId,
    role: base.role,
    apiVersion: base.apiVersion,
    apiVersionDeprecatedAt: base.apiVersionDeprecatedAt,
    apiVersionSunsetAt: base.apiVersionSunsetAt,
    scopes: base.scopes,
    expiresAt: base.expiresAt,
    ratelimits,
    creditsRemaining,
    degraded,
    [sharedAnswer]: shared,
  };
}

/** One frozen answer per refusal code: a refusal says nothing but its code. */
export const refusal = Object.fromEntries(
  verifyCodes.filter((code) => code !== "VALID").map((code) => [code, Object.freeze({ valid: false, code })]),
) as { [C in Exclude<VerifyCode, "VALID">]: VerifyApiKeyResult };

function refused(code: Exclude<VerifyCode, "VALID">, keyId: string | null): VerifyOutcome {
  return keyId === null ? anonymousRefusal[code] : { result: refusal[code], keyId };
}

/** A refusal about no known key (a made-up key: the flood's answer) allocates nothing. */
const anonymousRefusal = Object.fromEntries(
  Object.entries(refusal).map(([code, result]) => [code, Object.freeze({ result, keyId: null })]),
) as { [C in Exclude<VerifyCode, "VALID">]: VerifyOutcome };
