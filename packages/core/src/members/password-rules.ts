import { dictionary } from "@zxcvbn-ts/language-common";
import { ValidationError } from "../errors.ts";

export const minPasswordLength = 12;
/** scrypt's cost does not grow with the length, but nobody needs more, and requests stay small. */
export const maxPasswordLength = 256;

// zxcvbn-ts's list of the ~50,000 most common leaked passwords, as a maintained source rather than
// a list of our own. Compared case-insensitively: "Password123456" is as guessable as its lower case.
const commonPasswords = new Set(dictionary["passwords-common"].map((p) => p.toLowerCase()));

/** Checks a new password; throws a ValidationError naming `field` with the rule it breaks. */
export function assertAcceptablePassword(password: string, email: string, field = "newPassword"): void {
  const length = [...password.normalize("NFKC")].length;
  if (length < minPasswordLength) {
    throw new ValidationError(`Choose a password of at least ${minPasswordLength} characters.`, field);
  }
  if (length > maxPasswordLength) {
    throw new ValidationError(`Choose a password of at most ${maxPasswordLength} characters.`, field);
  }
  const lower = password.toLowerCase();
  if (commonPasswords.has(lower)) {
    throw new ValidationError("This password is one of the most common ones: choose another.", field);
  }
  if (lower === email.toLowerCase() || lower === email.toLowerCase().split("@")[0]) {
    throw new ValidationError("The password must not be your email address.", field);
  }
}
