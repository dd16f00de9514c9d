import { randomBase62 } from "../secrets.ts";

/** Account tokens identify a customer account (not secret on their own): prefixed and high-entropy. */
export function generateAccountToken(): string {
  return `tat_${randomBase62(32)}`;
}
