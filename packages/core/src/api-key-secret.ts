import { checksum, randomBase62, sha256 } from "./secrets.ts";

/**
 * Tessera API key secrets look like `tsr_<32 base62 chars>_<6 base62 chars>`:
 * - the `tsr_` prefix lets people and secret scanners recognise a Tessera key;
 * - 32 base62 characters carry ~190 bits of randomness (the spec asks for at least 128);
 * - the trailing CRC32 lets a scanner tell a real key from a look-alike offline, without a lookup.
 * Only `hash` (SHA-256) and `hint` are stored; `secret` is returned once to its creator.
 */
export const apiKeyPrefix = "tsr_";
const randomLength = 32;
const hintLength = 6;
const pattern = /^tsr_([0-9A-Za-z]{32})_([0-9A-Za-z]{6})$/;

export type GeneratedApiKey = { secret: string; hash: string; hint: string };

export function generateApiKey(random = randomBase62(randomLength)): GeneratedApiKey {
  const body = `${apiKeyPrefix}${random}`;
  const secret = `${body}_${checksum(body)}`;
  return { secret, hash: hashApiKey(secret), hint: apiKeyHint(random) };
}

export function apiKeyHint(random: string): string {
  return `${apiKeyPrefix}${random.slice(0, hintLength)}…`;
}

export function hashApiKey(secret: string): string {
  return sha256(secret);
}

/** Every key secret has this many characters: `tsr_`, 32, `_`, 6. */
const secretLength = apiKeyPrefix.length + randomLength + 1 + 6;

/**
 * A cheap first look (length and prefix, no allocation): false for anything that cannot be a key,
 * so nothing longer is ever hashed. `isWellFormedApiKey` is the full check.
 */
export function mayBeApiKey(secret: string): boolean {
  return secret.length === secretLength && secret.startsWith(apiKeyPrefix);
}

/** True when the text has the shape of a Tessera key and its checksum matches. */
export function isWellFormedApiKey(secret: string): boolean {
  const match = pattern.exec(secret);
  return match !== null && checksum(`${apiKeyPrefix}${match[1]}`) === match[2];
}
