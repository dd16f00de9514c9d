/** Every answer verification gives, in the order the checks run (RATE_LIMITED replaces a refusal). */
export const verifyCodes = [
  "VALID",
  "NOT_FOUND",
  "REVOKED",
  "EXPIRED",
  "ACCOUNT_MISMATCH",
  "ACCOUNT_INACTIVE",
  "INSUFFICIENT_SCOPE",
  "RESOURCE_FORBIDDEN",
  "ORIGIN_NOT_ALLOWED",
  "USER_AGENT_NOT_ALLOWED",
  "RATE_LIMITED",
] as const;

export type VerifyCode = (typeof verifyCodes)[number];
