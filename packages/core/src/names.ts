import { ValidationError } from "./errors.ts";

export const maxNameLength = 100;

/**
 * Names shown in tables and audit events: trimmed, non-empty and at most 100 characters, so that
 * "  Acme " and "Acme" are the same name and a pasted paragraph is refused with a clear message.
 */
export function normalizeName(raw: string, field = "name"): string {
  const name = raw.trim();
  if (!name) throw new ValidationError("The name must not be empty.", field);
  if (name.length > maxNameLength) {
    throw new ValidationError(`The name must be at most ${maxNameLength} characters (got ${name.length}).`, field);
  }
  return name;
}

/** A case-insensitive "name contains" condition for list searches, or undefined for a blank search. */
export function nameContains(search: string | null | undefined) {
  const text = search?.trim();
  return text ? { contains: text, mode: "insensitive" as const } : undefined;
}
