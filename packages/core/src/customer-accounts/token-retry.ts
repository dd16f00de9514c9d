import { isUniqueViolation } from "../unique-violation.ts";
import { generateAccountToken } from "./account-token.ts";

/**
 * Runs a write that stores a freshly generated account token, once more with another token if the
 * database reports a unique violation. Tokens carry 190 bits of randomness, so a collision is
 * astronomically unlikely; but the unique constraint is what guarantees that a token identifies one
 * account across all organizations, and a rare 500 for the caller would be worse than one retry.
 * The write must be a whole transaction: PostgreSQL aborts a transaction after a failed statement.
 */
export async function withFreshAccountToken<T>(
  write: (token: string) => Promise<T>,
  generate: () => string = generateAccountToken,
): Promise<T> {
  try {
    return await write(generate());
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return write(generate());
  }
}
