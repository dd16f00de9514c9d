import { ValidationError } from "../errors.ts";

/**
 * An email address as Tessera stores it: trimmed and lower case (the sign-in lookup is
 * case-insensitive), one `@` with something on each side and a dot in the domain, at most 254
 * characters. Deliverability is for the mail server to say; this catches typing mistakes.
 */
export function normalizeEmail(raw: string, field = "email"): string {
  const email = raw.trim().toLowerCase();
  if (!email) throw new ValidationError("Enter an email address.", field);
  if (email.length > 254 || !/^[^\s@]+@[^\s@]+\.[^\s@.]+$/.test(email)) {
    throw new ValidationError(`"${raw.trim().slice(0, 80)}" is not an email address.`, field);
  }
  return email;
}
