import { ValidationError } from "../errors.ts";
import { normalizeName } from "../names.ts";
import { isManagementScope, keyRoleAllows, type ManagementScope, managementScopes, readScopeFor } from "../roles.ts";

// The console suggests and checks organization slugs with the server's own rules.
export { normalizeSlug, slugFromName } from "../members/organization-slug.ts";

export const maxDescriptionLength = 1000;
export const maxUserAgentLength = 500;
export const maxOrigins = 50;
const dayMs = 24 * 60 * 60 * 1000;
/** A client that computes "12 months from now" itself sends a moment slightly later than ours. */
const clockSkewMs = 5 * 60 * 1000;

/** A key's name: trimmed, 1..100 characters; an empty one is refused with a hint that it is optional. */
export function validateName(name: string): string {
  if (!name.trim()) throw new ValidationError("The name cannot be empty; leave it out to get a generated one.", "name");
  return normalizeName(name);
}

/** A description: trimmed, at most 1000 characters; blank means none. */
export function validateDescription(description: string | null): string | null {
  const trimmed = description?.trim() ?? "";
  if (trimmed.length > maxDescriptionLength) {
    throw new ValidationError(
      `The description must be at most ${maxDescriptionLength} characters (got ${trimmed.length}).`,
      "description",
    );
  }
  return trimmed || null;
}

const label = "[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?";
const hostPattern = new RegExp(`^(?:\\*\\.)?${label}(?:\\.${label})*$`);

/**
 * Allowed origins are bare hosts: `example.com` (that host only), `*.example.com` (its subdomains,
 * not the host itself) and `?` (requests that send no Origin or Referer). Schemes, ports and paths are
 * refused rather than silently stripped, so what an admin typed is exactly what is enforced. Hosts are
 * case-insensitive and stored in lower case; duplicates are dropped.
 */
export function validateOrigins(origins: readonly string[]): string[] {
  if (origins.length > maxOrigins) {
    throw new ValidationError(`At most ${maxOrigins} origins may be listed (got ${origins.length}).`, "origins");
  }
  const result: string[] = [];
  for (const raw of origins) {
    const origin = raw.trim().toLowerCase();
    if (origin !== "?" && (origin.length > 253 || !hostPattern.test(origin))) {
      throw new ValidationError(
        `"${raw}" is not a valid origin: use a host such as example.com, *.example.com for its subdomains, or ? for requests without an origin (no scheme, port or path).`,
        "origins",
      );
    }
    if (!result.includes(origin)) result.push(origin);
  }
  return result;
}

/** The user agent a request must contain: a literal, case-sensitive substring, so wildcards are refused. */
export function validateUserAgent(userAgent: string | null): string | null {
  if (userAgent === null) return null;
  if (!userAgent.trim()) {
    throw new ValidationError(
      "The user agent cannot be blank; leave it out (null) to allow any user agent.",
      "userAgent",
    );
  }
  if (userAgent.includes("*")) {
    throw new ValidationError(
      "The user agent is matched as an exact substring; wildcards (*) are not supported.",
      "userAgent",
    );
  }
  if (userAgent.length > maxUserAgentLength) {
    throw new ValidationError(`The user agent must be at most ${maxUserAgentLength} characters.`, "userAgent");
  }
  return userAgent;
}

/** Twelve calendar months after `from` (the default lifetime and the renewal lifetime). */
export function twelveMonthsAfter(from: Date): Date {
  const result = new Date(from);
  result.setUTCMonth(result.getUTCMonth() + 12);
  return result;
}

/** The expiry of a new key: the date chosen (1 day to 12 months ahead) or 12 months from now. */
export function validateExpiry(expiresAt: Date | null, now: Date): Date {
  if (expiresAt === null) return twelveMonthsAfter(now);
  if (Number.isNaN(expiresAt.getTime())) throw new ValidationError("The expiry is not a valid date.", "expiresAt");
  if (expiresAt.getTime() < now.getTime() + dayMs) {
    throw new ValidationError("The expiry must be at least one day from now.", "expiresAt");
  }
  if (expiresAt.getTime() > twelveMonthsAfter(now).getTime() + clockSkewMs) {
    throw new ValidationError("The expiry must be at most 12 months from now.", "expiresAt");
  }
  return expiresAt;
}

const names = (list: readonly string[]) => list.join(", ");

/**
 * Data scope names, trimmed and de-duplicated. A management scope is refused here with where it
 * belongs: management is granted only by name, in `managementScopes`, never mixed into `scopes`.
 */
export function validateScopeNames(scopes: readonly string[]): string[] {
  const wanted = [...new Set(scopes.map((s) => s.trim()))];
  const management = wanted.filter(isManagementScope);
  if (management.length) {
    const what = management.length > 1 ? "are management scopes" : "is a management scope";
    throw new ValidationError(
      `${names(management)} ${what}: grant management scopes in managementScopes; scopes lists data scopes only.`,
      "scopes",
    );
  }
  return wanted;
}

/** Management scope names, trimmed and de-duplicated; anything else is refused, naming the valid ones. */
export function validateManagementScopeNames(scopes: readonly string[]): ManagementScope[] {
  const wanted = [...new Set(scopes.map((s) => s.trim()))];
  const unknown = wanted.filter((name) => !isManagementScope(name));
  if (unknown.length) {
    throw new ValidationError(
      `Not a management scope: ${names(unknown)}. Management scopes are ${names(managementScopes.map((s) => s.name))}; data scopes go in scopes.`,
      "managementScopes",
    );
  }
  return wanted as ManagementScope[];
}

/** The key's role caps its management power: a VIEWER key holds read management scopes only. */
export function validateManagementScopesForRole(role: "EDITOR" | "VIEWER", scopes: readonly ManagementScope[]): void {
  const refused = scopes.filter((scope) => !keyRoleAllows(role, scope));
  if (refused.length) {
    throw new ValidationError(
      `A ${role} key cannot hold ${names(refused)}; make the key an EDITOR or grant ${names(refused.map(readScopeFor))}.`,
      "managementScopes",
    );
  }
}

/** A key must be able to do something: an empty data scope list needs at least one management scope. */
export function validateKeyHoldsAScope(scopes: readonly string[] | null, management: readonly string[]): void {
  if (scopes !== null && scopes.length === 0 && management.length === 0) {
    throw new ValidationError(
      "Choose at least one data scope or management scope, or leave scopes out (null) for all data scopes.",
      "scopes",
    );
  }
}
export * from "./traffic-validation.ts";
