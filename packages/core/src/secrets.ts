import { hash, randomBytes } from "node:crypto";
import { crc32 } from "node:zlib";

const alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** Base62 text of `length` characters, drawn without modulo bias from a CSPRNG. */
export function randomBase62(length: number): string {
  let out = "";
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      // 248 = 4 * 62: rejecting bytes >= 248 keeps every character equally likely.
      if (byte < 248) out += alphabet[byte % 62];
      if (out.length === length) break;
    }
  }
  return out;
}

export function toBase62(value: number, width: number): string {
  let n = value >>> 0;
  let out = "";
  do {
    out = alphabet[n % 62] + out;
    n = Math.floor(n / 62);
  } while (n > 0);
  return out.padStart(width, "0");
}

/** SHA-256 in hex. Keys and tokens are high-entropy, so a fast hash is the right one (no salt needed). */
export function sha256(text: string): string {
  // The one-shot form: a quarter of createHash's cost (no Hash object), on every verification.
  return hash("sha256", text, "hex");
}

/** CRC32 of the text as 6 base62 characters (GitHub's token checksum scheme). */
export function checksum(text: string): string {
  return toBase62(crc32(text), 6);
}
