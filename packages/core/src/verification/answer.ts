import { ValidationError } from "../errors.ts";
import { decodeId, encodeId } from "../ids.ts";
import type { VerifyCode } from "./codes.ts";
import type { ChargedLimit } from "./rate-limits.ts";
import type { VerifyApiKeyInput, VerifyApiKeyResult } from "./verify.ts";

/** The answer both doors give, field for field, with ids as the global ids the rest of the API uses. */
export type VerifyApiKeyResponse = {
  valid: boolean;
  code: VerifyCode;
  keyId: string | null;
  organizationId: string | null;
  customerAccountId: string | null;
  role: "EDITOR" | "VIEWER" | null;
  apiVersion: string | null;
  scopes: string[] | null;
  expiresAt: Date | null;
  /** RATE_LIMITED by a key or account limit: the exhausted one; null otherwise. */
  ratelimit: RateLimitState | null;
  /** Every limit this verification charged, as it is after it. */
  ratelimits: RateLimitState[];
  /** Credits left; null for a key with unlimited usage (and for refusals other than USAGE_EXCEEDED). */
  creditsRemaining: number | null;
  /** True when Redis was unreachable and this instance's own limiter decided. */
  degraded: boolean;
};

/** A charged limit as both doors report it. */
export type RateLimitState = { name: string; limit: number; remaining: number; resetAt: Date };

function limitState(limit: ChargedLimit): RateLimitState {
  return { name: limit.name, limit: limit.limit, remaining: limit.remaining, resetAt: limit.resetAt };
}

export function toVerifyApiKeyResponse(result: VerifyApiKeyResult): VerifyApiKeyResponse {
  if (!result.valid) {
    return {
      valid: false,
      code: result.code,
      keyId: null,
      organizationId: null,
      customerAccountId: null,
      role: null,
      apiVersion: null,
      scopes: null,
      expiresAt: null,
      ratelimit: result.ratelimit ? limitState(result.ratelimit) : null,
      ratelimits: result.ratelimits ? result.ratelimits.map(limitState) : [],
      creditsRemaining: result.creditsRemaining ?? null,
      degraded: result.degraded ?? false,
    };
  }
  return {
    valid: true,
    code: result.code,
    keyId: encodeId("ApiKey", result.keyId),
    organizationId: encodeId("Organization", result.organizationId),
    customerAccountId: result.customerAccountId && encodeId("CustomerAccount", result.customerAccountId),
    role: result.role,
    apiVersion: result.apiVersion,
    scopes: [...result.scopes],
    expiresAt: result.expiresAt,
    ratelimit: null,
    ratelimits: result.ratelimits.map(limitState),
    creditsRemaining: result.creditsRemaining,
    degraded: result.degraded,
  };
}

/** What a door received, with global ids; optional fields may be null or absent. */
export type VerifyApiKeyRequest = {
  key: string;
  accountToken?: string | null;
  scope?: string | null;
  resourceId?: string | null;
  origin?: string | null;
  userAgent?: string | null;
  ip?: string | null;
  ratelimits?: readonly { name: string; cost?: number | null }[] | null;
  credits?: { cost?: number | null } | null;
};

const maxCost = 1_000_000;
const maxNamedLimits = 20;

function cost(value: number | null | undefined, what: string, field: string): number {
  if (value == null) return 1;
  if (!Number.isInteger(value) || value < 0 || value > maxCost) {
    throw new ValidationError(`${what} must be a whole number from 0 to ${maxCost} (got ${value}).`, field);
  }
  return value;
}

/**
 * The core input for a door's request. A `resourceId` that is not a Resource global id becomes ""
 * (no resource has it), so it is refused as RESOURCE_FORBIDDEN like any unknown resource.
 */
export function toVerifyApiKeyInput(request: VerifyApiKeyRequest): VerifyApiKeyInput {
  const named = request.ratelimits ?? [];
  if (named.length > maxNamedLimits) {
    throw new ValidationError(`At most ${maxNamedLimits} rate limits per verification.`, "ratelimits");
  }
  const seen = new Set<string>();
  for (const limit of named) {
    if (seen.has(limit.name)) throw new ValidationError(`The rate limit "${limit.name}" is named twice.`, "ratelimits");
    seen.add(limit.name);
  }
  return {
    key: request.key,
    accountToken: request.accountToken ?? null,
    scope: request.scope ?? null,
    resourceId: request.resourceId == null ? null : (decodeId(request.resourceId, "Resource") ?? ""),
    origin: request.origin ?? null,
    userAgent: request.userAgent ?? null,
    ip: request.ip ?? null,
    ratelimits: named.length
      ? named.map((limit) => ({
          name: limit.name,
          cost: cost(limit.cost, `The cost of "${limit.name}"`, "ratelimits"),
        }))
      : null,
    credits: request.credits ? { cost: cost(request.credits.cost, "The credit cost", "credits") } : null,
  };
}
