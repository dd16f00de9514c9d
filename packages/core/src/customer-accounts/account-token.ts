import { randomBase62 } from "../secrets.ts";

/** Account tokens identify a customer account (not secret on their own): prefixed and high-entropy. */
export function generateAccountToken(): string {
  return `tat_${randomBase62(32)}`;
}

/**
 * Whether text could be an account token at all: 1–128 printable ASCII characters (tokens made here
 * are `tat_` + 32 base62; older or imported ones are shorter). Anything else (a NUL, which PostgreSQL
 * text cannot hold, 10 KB of text) is answered as unknown without asking the database.
 */
export function mayBeAccountToken(text: string): boolean {
  return text.length <= 128 && /^[\x21-\x7e]+$/.test(text);
}
