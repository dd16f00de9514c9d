import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config.ts";

describe("rollup and retention settings", () => {
  it("default to 35 days of hours, outbox 30/90 days, and an audit log and daily usage kept forever", () => {
    expect(loadConfig({}).maintenance).toEqual({
      hourlyUsageRetentionDays: 35,
      retention: {
        outboxSentDays: 30,
        outboxFailedDays: 90,
        endedSessionDays: 7,
        sessionIdleMs: 1440 * 60_000,
        signInThrottleDays: 1,
        expiryNoticeDays: 90,
        usageDailyDays: 0,
        auditDays: 0,
      },
    });
  });

  it("read the environment, 0 meaning keep forever where it may", () => {
    const { maintenance } = loadConfig({
      TESSERA_USAGE_HOURLY_RETENTION_DAYS: "60",
      TESSERA_RETENTION_OUTBOX_SENT_DAYS: "0",
      TESSERA_RETENTION_AUDIT_DAYS: "730",
      TESSERA_SESSION_IDLE_MINUTES: "30",
    });
    expect(maintenance.hourlyUsageRetentionDays).toBe(60);
    expect(maintenance.retention).toMatchObject({ outboxSentDays: 0, auditDays: 730, sessionIdleMs: 30 * 60_000 });
  });

  it.each([
    ["TESSERA_USAGE_HOURLY_RETENTION_DAYS", "30", /from 31 to 36500, got "30"/],
    ["TESSERA_USAGE_HOURLY_RETENTION_DAYS", "0", /from 31 to 36500, got "0"/],
    ["TESSERA_RETENTION_OUTBOX_FAILED_DAYS", "-1", /from 1 to 36500 or 0 to keep forever/],
    ["TESSERA_RETENTION_SESSIONS_DAYS", "1.5", /TESSERA_RETENTION_SESSIONS_DAYS must be a whole number/],
    ["TESSERA_RETENTION_EXPIRY_NOTICES_DAYS", "7", /from 31 to 36500/],
    ["TESSERA_USAGE_DAILY_RETENTION_DAYS", "90", /from 367 to 36500/],
    ["TESSERA_RETENTION_AUDIT_DAYS", "forever", /TESSERA_RETENTION_AUDIT_DAYS/],
  ])("refuse %s=%s with a message naming it", (name, value, message) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(message);
  });
});
