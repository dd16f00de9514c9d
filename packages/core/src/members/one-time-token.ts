import { randomBase62, sha256 } from "../secrets.ts";

/**
 * The prefixes of Tessera's one-time tokens. Each is recognisable (the server log redacts `tsi_` and
 * `tsp_` wherever they appear) and carries 256 bits from a CSPRNG, so a fast hash is the right one.
 */
export type OneTimeTokenKind = "tsi" | "tsp" | "tsu";

/** A single-use token (invitation `tsi_`, password link `tsp_`, setup `tsu_`) and the SHA-256 kept of it. */
export function generateOneTimeToken(kind: OneTimeTokenKind): { token: string; hash: string } {
  const token = `${kind}_${randomBase62(43)}`;
  return { token, hash: sha256(token) };
}

export function hashOneTimeToken(token: string): string {
  return sha256(token);
}
