import { ValidationError } from "../errors.ts";
import { isReservedScopeName } from "../roles.ts";

export const maxScopeNameLength = 64;
export const maxScopeDescriptionLength = 300;
const scopeNamePattern = /^[a-z][a-z0-9_-]*:[a-z][a-z0-9_-]*$/;

/**
 * A data scope's name: `resource:action` in lower case, at most 64 characters, exactly as typed (no
 * trimming or case folding: services compare it byte for byte). Every name whose resource part is one
 * of the management scopes' (`keys:purge` as well as `keys:write`) is Tessera's, never the partner's,
 * so that a data scope can never be mistaken for a management one.
 */
export function validateScopeName(name: string): string {
  if (name.length > maxScopeNameLength) {
    throw new ValidationError(
      `A scope name must be at most ${maxScopeNameLength} characters (got ${name.length}).`,
      "name",
    );
  }
  if (!scopeNamePattern.test(name)) {
    throw new ValidationError(
      `"${name}" is not a scope name: use resource:action in lower case, e.g. vehicles:read (letters, digits, - and _).`,
      "name",
    );
  }
  if (isReservedScopeName(name)) {
    throw new ValidationError(
      `Scope names starting with "${name.split(":")[0]}:" are reserved for Tessera's management scopes.`,
      "name",
    );
  }
  return name;
}

/** What the scope allows, for the people choosing a key's scopes: required, trimmed, at most 300 characters. */
export function validateScopeDescription(description: string): string {
  const trimmed = description.trim();
  if (!trimmed) throw new ValidationError("Describe what the scope allows.", "description");
  if (trimmed.length > maxScopeDescriptionLength) {
    throw new ValidationError(
      `The description must be at most ${maxScopeDescriptionLength} characters (got ${trimmed.length}).`,
      "description",
    );
  }
  return trimmed;
}
