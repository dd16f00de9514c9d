import { parse } from "cookie";

export const sessionCookieName = "tessera_session";

/**
 * The session token the request carries, if any. The `cookie` package parses the header; a value it
 * cannot percent-decode stays as sent (and then matches no session), so one malformed cookie in a
 * browser means "signed out", never an error on every request.
 */
export function readSessionCookie(request: Request): string | undefined {
  const header = request.headers.get("cookie");
  if (!header) return undefined;
  return parse(header)[sessionCookieName] || undefined;
}

export function sessionCookie(token: string, expiresAt: Date, secure: boolean): string {
  return [
    `${sessionCookieName}=${encodeURIComponent(token)}`,
    "Path=/",
    "HttpOnly",
    "SameSite=Lax",
    `Expires=${expiresAt.toUTCString()}`,
    ...(secure ? ["Secure"] : []),
  ].join("; ");
}

export function clearedSessionCookie(secure: boolean): string {
  return sessionCookie("", new Date(0), secure);
}
