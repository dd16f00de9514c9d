import type { KeyRole } from "@tessera/db";
import { hashApiKey, isWellFormedApiKey } from "../api-key-secret.ts";
import type { Clock } from "../clock.ts";
import { type VerifyCode, verifyCodes } from "./codes.ts";
import type { AccountEntry, KeyEntry, ResourceChain } from "./entry.ts";
import { keyStateCode, type Looked, restrictionCode, type VerifyRequest } from "./rules.ts";

/** What a service asks: the key, and optionally what the request it received wants to do. */
export type VerifyApiKeyInput = VerifyRequest & { key: string };

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
    }
  | { valid: false; code: Exclude<VerifyCode, "VALID"> };

export type Lookup<V> = { get(lookupKey: string): Promise<V | null> };

export type VerifyDeps = {
  keys: Lookup<KeyEntry>;
  accounts: Lookup<AccountEntry>;
  resources: Lookup<ResourceChain>;
  clock: Clock;
};

/** The answer, plus the key it was about (for usage counts), which the answer itself may not reveal. */
export type VerifyOutcome = { result: VerifyApiKeyResult; keyId: string | null };

/**
 * Verification, for both doors (GraphQL `verifyApiKey` and `POST /v1/keys/verify`), in the spec's
 * order. A malformed key or a bad checksum is refused before any lookup: typos and random guesses
 * never cost a cache slot or a database query. Looked-up rows come from the caches in `deps`.
 */
export async function verifyApiKey(input: VerifyApiKeyInput, deps: VerifyDeps): Promise<VerifyOutcome> {
  if (!isWellFormedApiKey(input.key)) return refused("NOT_FOUND", null);
  const entry = await deps.keys.get(hashApiKey(input.key));
  const stateCode = keyStateCode(entry, deps.clock.now());
  if (stateCode || !entry) return refused(stateCode ?? "NOT_FOUND", entry?.keyId ?? null);

  const looked: Looked = {};
  if (input.accountToken != null) looked.account = await deps.accounts.get(input.accountToken);
  if (input.resourceId != null) looked.resource = await deps.resources.get(input.resourceId);
  const code = restrictionCode(entry, input, looked);
  if (code !== "VALID") return refused(code, entry.keyId);
  const customerAccountId = looked.account?.accountId ?? null;
  if (customerAccountId) return { keyId: entry.keyId, result: validResult(entry, customerAccountId) };
  // Without an account the answer depends on the entry alone: one frozen object per cached entry, so
  // a door may memoize its serialization (it goes when the entry is invalidated).
  let result = plainValid.get(entry);
  if (!result) {
    result = validResult(entry, null);
    plainValid.set(entry, result);
  }
  return { keyId: entry.keyId, result };
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
  });
}

/** One frozen answer per refusal code: a refusal says nothing but its code. */
export const refusal = Object.fromEntries(
  verifyCodes.filter((code) => code !== "VALID").map((code) => [code, Object.freeze({ valid: false, code })]),
) as { [C in Exclude<VerifyCode, "VALID">]: VerifyApiKeyResult };

function refused(code: Exclude<VerifyCode, "VALID">, keyId: string | null): VerifyOutcome {
  return { result: refusal[code], keyId };
}
