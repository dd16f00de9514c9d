import { toVerifyApiKeyInput, toVerifyApiKeyResponse, type VerifyApiKeyResponse, verifyCodes } from "@tessera/core";
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
  ORIGIN_NOT_ALLOWED: "The request's origin is not in the key's allowed origins.",
  USER_AGENT_NOT_ALLOWED: "The request's user agent does not contain the key's required user agent.",
  RATE_LIMITED: "Too many refused verifications from your address: refusals are answered with this code for a while.",
};

export const VerifyCodeEnum = builder.enumType("VerifyCode", {
  description: "The outcome of a verification: VALID, or why the key is refused (the first failed check).",
  values: Object.fromEntries(verifyCodes.map((code) => [code, { description: codeDescriptions[code] }])) as {
    [C in (typeof verifyCodes)[number]]: { description: string };
  },
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
  }),
});

builder.queryFields((t) => ({
  verifyApiKey: t.field({
    type: VerifyApiKeyResultRef,
    description:
      "Verifies a key a service received. Needs no session or key of its own. The same check as `POST /v1/keys/verify`, which is faster.",
    args: { input: t.arg({ type: VerifyApiKeyInputRef, required: true, description: "The key and the request." }) },
    resolve: async (_root, { input }, ctx) =>
      toVerifyApiKeyResponse(
        await ctx.verification.verify(
          toVerifyApiKeyInput({ ...input, resourceId: input.resourceId?.toString() }),
          ctx.sourceAddress,
        ),
      ),
  }),
}));
