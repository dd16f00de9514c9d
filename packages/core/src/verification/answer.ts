import { decodeId, encodeId } from "../ids.ts";
import type { VerifyCode } from "./codes.ts";
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
  /** True when the key's API version is deprecated; null for a refusal. */
  apiVersionDeprecated: boolean | null;
  /** The announced end of the key's API version; null when none (or for a refusal). */
  apiVersionSunsetAt: Date | null;
  scopes: string[] | null;
  expiresAt: Date | null;
};

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
      apiVersionDeprecated: null,
      apiVersionSunsetAt: null,
      scopes: null,
      expiresAt: null,
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
    apiVersionDeprecated: result.apiVersionDeprecatedAt !== null,
    apiVersionSunsetAt: result.apiVersionSunsetAt,
    scopes: [...result.scopes],
    expiresAt: result.expiresAt,
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
};

/**
 * The core input for a door's request. A `resourceId` that is not a Resource global id becomes ""
 * (no resource has it), so it is refused as RESOURCE_FORBIDDEN like any unknown resource.
 */
export function toVerifyApiKeyInput(request: VerifyApiKeyRequest): VerifyApiKeyInput {
  return {
    key: request.key,
    accountToken: request.accountToken ?? null,
    scope: request.scope ?? null,
    resourceId: request.resourceId == null ? null : (decodeId(request.resourceId, "Resource") ?? ""),
    origin: request.origin ?? null,
    userAgent: request.userAgent ?? null,
  };
}
