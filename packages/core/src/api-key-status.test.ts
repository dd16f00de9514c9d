import { describe, expect, it } from "vitest";
import { apiKeyStatus } from "./api-key-status.ts";

const now = new Date("2026-06-01T12:00:00Z");
const days = (n: number) => new Date(now.getTime() + n * 86_400_000);

describe("apiKeyStatus", () => {
  it.each([
    [{ revokedAt: null, expiresAt: days(200) }, "ACTIVE"],
    [{ revokedAt: null, expiresAt: days(91) }, "ACTIVE"],
    [{ revokedAt: null, expiresAt: days(90) }, "EXPIRING"],
    [{ revokedAt: null, expiresAt: days(0.001) }, "EXPIRING"],
    [{ revokedAt: null, expiresAt: now }, "EXPIRED"],
    [{ revokedAt: null, expiresAt: days(-3) }, "EXPIRED"],
    [{ revokedAt: days(-1), expiresAt: days(200) }, "REVOKED"],
    [{ revokedAt: days(-10), expiresAt: days(-3) }, "REVOKED"],
  ] as const)("%o is %s", (key, status) => {
    expect(apiKeyStatus(key, now)).toBe(status);
  });
});
