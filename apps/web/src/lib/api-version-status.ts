/** Where an API version is in its life, as the console shows it. */
export type ApiVersionStatus = "CURRENT" | "DEPRECATED" | "SUNSET";

type Version = { deprecated: boolean; sunsetAt?: string | null };

/**
 * CURRENT, DEPRECATED (still served, a sunset may be announced) or SUNSET (the announced date has
 * passed: keys on it still verify, but they are on borrowed time and every one of them is flagged).
 */
export function apiVersionStatus(version: Version, now = new Date()): ApiVersionStatus {
  if (!version.deprecated) return "CURRENT";
  if (version.sunsetAt && new Date(version.sunsetAt) <= now) return "SUNSET";
  return "DEPRECATED";
}
