import { ValidationError } from "../errors.ts";

export const maxApiVersionNameLength = 32;
export const maxApiVersionDescriptionLength = 300;
const versionNamePattern = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const dayMs = 24 * 60 * 60 * 1000;

/** A version's name as keys and services show it (`v2`, `2026-06-01`): at most 32 letters, digits, `.`, `-`, `_`. */
export function validateApiVersionName(name: string): string {
  if (name.length > maxApiVersionNameLength) {
    throw new ValidationError(
      `A version name must be at most ${maxApiVersionNameLength} characters (got ${name.length}).`,
      "name",
    );
  }
  if (!versionNamePattern.test(name)) {
    throw new ValidationError(
      `"${name}" is not a version name: use letters, digits, ".", "-" and "_", e.g. v3 or 2026-06-01.`,
      "name",
    );
  }
  return name;
}

/** Notes about a version: optional, trimmed, at most 300 characters; blank means none. */
export function validateApiVersionDescription(description: string | null): string | null {
  const trimmed = description?.trim() ?? "";
  if (trimmed.length > maxApiVersionDescriptionLength) {
    throw new ValidationError(
      `The description must be at most ${maxApiVersionDescriptionLength} characters (got ${trimmed.length}).`,
      "description",
    );
  }
  return trimmed || null;
}

/**
 * A sunset is announced for today or later: any moment of the current UTC day is accepted (a date
 * picker's "today" arrives as midnight, already past), an earlier day is refused — announcing a
 * sunset that has already happened tells the calling services nothing they can act on.
 */
export function validateSunset(sunsetAt: Date, now: Date): Date {
  const startOfToday = Math.floor(now.getTime() / dayMs) * dayMs;
  if (Number.isNaN(sunsetAt.getTime()) || sunsetAt.getTime() < startOfToday) {
    throw new ValidationError("The sunset date must be today or later.", "sunsetAt");
  }
  return sunsetAt;
}
