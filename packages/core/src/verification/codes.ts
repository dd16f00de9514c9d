/**
 * Every answer verification gives, in the order the checks run. RATE_LIMITED is either a key or
 * account limit that is exhausted (the answer names it) or the failure limiter replacing a refusal
 * (anonymous); USAGE_EXCEEDED comes last, so a refused request never spends a credit.
 */
export const verifyCodes = [
  "VALID",
  "NOT_FOUND",
  "REVOKED",
  "EXPIRED",
  "ACCOUNT_MISMATCH",
  "ACCOUNT_INACTIVE",
  "INSUFFICIENT_SCOPE",
  "RESOURCE_FORBIDDEN",
  "IP_NOT_ALLOWED",
  "ORIGIN_NOT_ALLOWED",
  "USER_AGENT_NOT_ALLOWED",
  "RATE_LIMITED",
  "USAGE_EXCEEDED",
] as const;

export type VerifyCode = (typeof verifyCodes)[number];
