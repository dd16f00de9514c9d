import {
  type RateLimitState,
  toVerifyApiKeyInput,
  toVerifyApiKeyResponse,
  ValidationError,
  type VerifyApiKeyResponse,
  verifyCodes,
} from "@tessera/core";
import { GraphQLError } from "graphql";
import { builder } from "../builder.ts";
import { KeyRoleEnum } from "./api-key.ts";

const codeDescriptions: Record<(typeof verifyCodes)[number], string> = {
  VALID: "The key may make this request.",
  NOT_FOUND: "No such key (also for a malformed key or a bad checksum).",
  REVOKED: "The key was revoked.",
  EXPIRED: "The key is past its expiry.",
  ACCOUNT_MISMATCH:
    "The account token is unknown, belongs to another organization, or names an account the key may not act for.",
  ACCOUNT_INACTIVE: "The customer account is SUSPENDED or CLOSED.",
  INSUFFICIENT_SCOPE: "The key does not have the requested scope.",
  RESOURCE_FORBIDDEN: "The key may not reach the requested resource (directly or through a group containing it).",
  IP_NOT_ALLOWED: "The key has an IP allowlist and `ip` was not given or is outside it.",
  ORIGIN_NOT_ALLOWED: "The request's origin is not in the key's allowed origins.",
  USER_AGENT_NOT_ALLOWED: "The request's user agent does not contain the key's required user agent.",
  RATE_LIMITED:
    "A rate limit of the key or its customer account is exhausted (`ratelimit` names it), or too many refused verifications came from your address (then `ratelimit` is null and refusals read RATE_LIMITED for a while).",
  USAGE_EXCEEDED: "The key's usage credits are used up (or fewer are left than the credit cost): nothing was spent.",
};

export const VerifyCodeEnum = builder.enumType("VerifyCode", {
  description: "The outcome of a verification: VALID, or why the key is refused (the first failed check).",
  values: Object.fromEntries(verifyCodes.map((code) => [code, { description: codeDescriptions[code] }])) as {
    [C in (typeof verifyCodes)[number]]: { description: string };
  },
});

const VerifyRateLimitInput = builder.inputType("VerifyRateLimitInput", {
  description: "A named rate limit to charge for this verification (the key's or its customer account's).",
  fields: (t) => ({
    name: t.string({
      required: true,
      description: "The limit's name; a name neither the key nor the account has is an error.",
    }),
    cost: t.int({ defaultValue: 1, description: "Points to charge, 0 or more (0 checks that a point is left)." }),
  }),
});

const VerifyCreditsInput = builder.inputType("VerifyCreditsInput", {
  description: "What a VALID verification spends of the key's usage credits.",
  fields: (t) => ({
    cost: t.int({ defaultValue: 1, description: "Credits to spend, 0 or more (0 checks that one is left)." }),
  }),
});

const RateLimitStateRef = builder.objectRef<RateLimitState>("RateLimitState").implement({
  description: "A rate limit charged by a verification, as it is after it.",
  fields: (t) => ({
    name: t.exposeString("name", { description: "The limit's name." }),
    limit: t.exposeInt("limit", { description: "Points per window." }),
    remaining: t.exposeInt("remaining", { description: "Points left in the current window." }),
    resetAt: t.expose("resetAt", { type: "DateTime", description: "When the current window ends." }),
  }),
});

const VerifyApiKeyInputRef = builder.inputType("VerifyApiKeyInput", {
  description: "A key a service received, and what the request that carried it wants to do.",
  fields: (t) => ({
    key: t.string({ required: true, description: "The API key's secret, as the service received it." }),
    accountToken: t.string({ description: "The customer account token sent with the key, if any." }),
    scope: t.string({
      description:
        "The data scope the request needs, e.g. `vehicles:read`. A management scope (`keys:write`, …) never verifies: INSUFFICIENT_SCOPE.",
    }),
    resourceId: t.id({ description: "The global id of the resource the request touches." }),
    origin: t.string({
      description:
        "The request's Origin header, or its Referer when it has no Origin (a full origin or URL; only the host counts). Leave out when it sent neither.",
    }),
    userAgent: t.string({ description: "The request's User-Agent header." }),
    ip: t.string({
      description:
        "The client address the service saw (IPv4 or IPv6). Required for keys with an IP allowlist; IPv4-mapped IPv6 counts as IPv4.",
    }),
    ratelimits: t.field({
      type: [VerifyRateLimitInput],
      description: "Named limits to charge besides the auto-applied ones (at most 20, each named once).",
    }),
    credits: t.field({ type: VerifyCreditsInput, description: "The credit cost (default 1) for keys with credits." }),
  }),
});

const VerifyApiKeyResultRef = builder.objectRef<VerifyApiKeyResponse>("VerifyApiKeyResult").implement({
  description: "The verdict on a key. A refused key says only why: every other field is null.",
  fields: (t) => ({
    valid: t.exposeBoolean("valid", { description: "True when the key may make the request (code VALID)." }),
    code: t.field({ type: VerifyCodeEnum, description: "VALID or the refusal code.", resolve: (r) => r.code }),
    keyId: t.exposeID("keyId", { nullable: true, description: "The key's global id." }),
    organizationId: t.exposeID("organizationId", { nullable: true, description: "The key's organization." }),
    customerAccountId: t.exposeID("customerAccountId", {
      nullable: true,
      description: "The customer account the account token identifies (when one was given).",
    }),
    role: t.field({ type: KeyRoleEnum, nullable: true, description: "The key's role.", resolve: (r) => r.role }),
    apiVersion: t.exposeString("apiVersion", { nullable: true, description: "The API version the key is pinned to." }),
    scopes: t.exposeStringList("scopes", {
      nullable: true,
      description:
        "The key's data scopes (the whole data catalogue for an all-scopes key). Never a management scope: services check data scopes.",
    }),
    expiresAt: t.expose("expiresAt", { type: "DateTime", nullable: true, description: "When the key expires." }),
    ratelimit: t.field({
      type: RateLimitStateRef,
      nullable: true,
      description: "With RATE_LIMITED from a key or account limit: the exhausted limit (remaining 0). Null otherwise.",
      resolve: (r) => r.ratelimit,
    }),
    ratelimits: t.field({
      type: [RateLimitStateRef],
      description: "Every limit this verification charged, as it is after it (empty when none was).",
      resolve: (r) => r.ratelimits,
    }),
    creditsRemaining: t.exposeInt("creditsRemaining", {
      nullable: true,
      description: "Credits left after this verification; null for keys with unlimited usage.",
    }),
    degraded: t.exposeBoolean("degraded", {
      description:
        "True when the shared rate-limit store (Redis) was unreachable and this instance's own limiter decided.",
    }),
  }),
});

builder.queryFields((t) => ({
  verifyApiKey: t.field({
    type: VerifyApiKeyResultRef,
    description:
      "Verifies a key a service received. Needs no session or key of its own. The same check as `POST /v1/keys/verify`, which is faster.",
    args: { input: t.arg({ type: VerifyApiKeyInputRef, required: true, description: "The key and the request." }) },
    resolve: async (_root, { input }, ctx) => {
      try {
        const request = toVerifyApiKeyInput({ ...input, resourceId: input.resourceId?.toString() });
        return toVerifyApiKeyResponse(await ctx.verification.verify(request, ctx.sourceAddress));
      } catch (error) {
        // A malformed request (an unknown limit name, a negative cost) is the caller's to fix: say so.
        if (error instanceof ValidationError) {
          throw new GraphQLError(error.message, { extensions: { code: "BAD_USER_INPUT", field: error.field } });
        }
        throw error;
      }
    },
  }),
}));
