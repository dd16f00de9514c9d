/**
 * The user agent restriction: one exact, case-sensitive substring the request's User-Agent must
 * contain, no wildcards. No restriction: any user agent, even none. With a restriction, a request
 * without a User-Agent is refused (it cannot contain anything).
 */
export function isUserAgentAllowed(required: string | null, userAgent: string | null | undefined): boolean {
  if (!required) return true;
  return typeof userAgent === "string" && userAgent.includes(required);
}
