import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../src/config.ts";

describe("TESSERA_RATE_LIMIT_STORE", () => {
  it("defaults to memory, and redis takes REDIS_URL", () => {
    expect(loadConfig({}).verification.rateLimitStore).toEqual({ kind: "memory" });
    expect(
      loadConfig({ TESSERA_RATE_LIMIT_STORE: "redis", REDIS_URL: "redis://cache:6379/2" }).verification.rateLimitStore,
    ).toEqual({ kind: "redis", url: "redis://cache:6379/2" });
  });

  it.each([
    [{ TESSERA_RATE_LIMIT_STORE: "postgres" }, "must be memory or redis"],
    [{ TESSERA_RATE_LIMIT_STORE: "redis" }, "needs REDIS_URL"],
    [{ TESSERA_RATE_LIMIT_STORE: "redis", REDIS_URL: "http://cache:6379" }, "needs REDIS_URL"],
  ])("refuses %j with a clear message", (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });
});

describe("TESSERA_VERIFY_FAILURE_DELAY_MS", () => {
  it("holds refusals over the failure limit for 250 ms by default; 0 turns holding off", () => {
    expect(loadConfig({}).verification.failureLimit.refusalDelayMs).toBe(250);
    expect(loadConfig({ TESSERA_VERIFY_FAILURE_DELAY_MS: "0" }).verification.failureLimit.refusalDelayMs).toBe(0);
  });

  it.each(["-1", "0.5", "soon"])("refuses %j with a clear message", (value) => {
    const env = { TESSERA_VERIFY_FAILURE_DELAY_MS: value };
    expect(() => loadConfig(env)).toThrow(
      `TESSERA_VERIFY_FAILURE_DELAY_MS must be a whole number (0 or more), got "${value}"`,
    );
  });
});
