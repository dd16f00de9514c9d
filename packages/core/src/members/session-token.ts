import { randomBase62, sha256 } from "../secrets.ts";

/** Session tokens live only in the HttpOnly cookie; the database keeps their SHA-256. */
export function generateSessionToken(): { token: string; hash: string } {
  const token = `tss_${randomBase62(43)}`;
  return { token, hash: sha256(token) };
}

export function hashSessionToken(token: string): string {
  return sha256(token);
}
