import { UnauthenticatedError } from "./errors.ts";
import { isIpAllowed } from "./verification/ip-allowlist.ts";
import { isOriginAllowed } from "./verification/origin.ts";
import type { Verification } from "./verification/service.ts";
import { isUserAgentAllowed } from "./verification/user-agent.ts";
import type { Viewer } from "./viewer.ts";

const refusals = {
  NOT_FOUND: "The API key is not valid.",
  REVOKED: "The API key has been revoked.",
  EXPIRED: "The API key has expired.",
} as const;

/** What a Bearer call says about where it comes from: its Origin (or Referer), User-Agent and client address. */
export type BearerRequest = { origin: string | null; userAgent: string | null; address?: string | null };

/**
 * The key viewer for `Authorization: Bearer <secret>`. Unlike a stale cookie, a bad key is an error,
 * not an anonymous call: an integrator must learn at once that their key no longer works.
 * The answer never says more than needed (unknown and malformed keys read the same).
 *
 * It goes through verification's lookup and cache, so a revoked management key is refused at its very
 * next call, exactly like a verified one; and "last used" is counted in memory and written in batches,
 * never once per call.
 */
export async function viewerFromApiKey(
  verification: Pick<Verification, "authenticateKey">,
  secret: string,
  request: BearerRequest,
): Promise<Viewer> {
  const outcome = await verification.authenticateKey(secret);
  if ("code" in outcome) throw new UnauthenticatedError(refusals[outcome.code]);
  const key = outcome.entry;
  // A key's origin and user-agent restrictions hold wherever the key is used, not only when a service
  // verifies it: a key copied out of a browser app must not manage Tessera from anywhere else.
  if (!isIpAllowed(key.ipAllowlist, request.address)) {
    throw new UnauthenticatedError("This API key may not be used from this address (see its IP allowlist).");
  }
  if (!isOriginAllowed(key.origins, request.origin)) {
    throw new UnauthenticatedError("This API key may not be used from this origin (see its allowed origins).");
  }
  if (!isUserAgentAllowed(key.userAgent, request.userAgent)) {
    throw new UnauthenticatedError("This API key may not be used with this user agent (see its allowed user agent).");
  }
  // A key's power over Tessera is exactly the management scopes it holds by name: "all scopes" means
  // all data scopes and never implies management, so a key handed to a dashboard cannot manage keys.
  return {
    kind: "apiKey",
    keyId: key.keyId,
    keyName: key.keyName,
    organizationId: key.organizationId,
    managementScopes: key.managementScopes,
    scopes: key.scopes ? [...key.scopes] : null,
  };
}
