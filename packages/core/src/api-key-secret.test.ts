import { describe, expect, it } from "vitest";
import { apiKeyHint, generateApiKey, hashApiKey, isWellFormedApiKey } from "./api-key-secret.ts";
import { checksum } from "./secrets.ts";

describe("API key secrets", () => {
  it("look like tsr_<32 base62>_<6 base62 checksum> and carry at least 128 bits of randomness", () => {
    const { secret } = generateApiKey();
    expect(secret).toMatch(/^tsr_[0-9A-Za-z]{32}_[0-9A-Za-z]{6}$/);
    // 32 characters of a 62-letter alphabet: log2(62) * 32 ≈ 190 bits.
    expect(Math.log2(62) * 32).toBeGreaterThan(128);
  });

  it("are all different, and only the SHA-256 hash and a short hint are meant to be stored", () => {
    const keys = Array.from({ length: 1000 }, () => generateApiKey());
    expect(new Set(keys.map((k) => k.secret)).size).toBe(1000);
    const [key] = keys;
    expect(key?.hash).toBe(hashApiKey(key?.secret ?? ""));
    expect(key?.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(key?.hint).toBe(apiKeyHint(key?.secret.slice(4, 36) ?? ""));
    expect(key?.hint).toMatch(/^tsr_[0-9A-Za-z]{6}…$/);
    expect(key?.secret.startsWith(key?.hint.slice(0, -1) ?? "x")).toBe(true);
  });

  it("lets a scanner tell a real key from a look-alike offline, by the checksum", () => {
    const { secret } = generateApiKey();
    expect(isWellFormedApiKey(secret)).toBe(true);
    const flipped = `${secret.slice(0, 10)}${secret[10] === "a" ? "b" : "a"}${secret.slice(11)}`;
    expect(isWellFormedApiKey(flipped)).toBe(false);
    expect(isWellFormedApiKey(`${secret}x`)).toBe(false);
    expect(isWellFormedApiKey(secret.replace("tsr_", "tsk_"))).toBe(false);
    expect(isWellFormedApiKey("")).toBe(false);
  });

  it("uses a fixed-width CRC32 checksum", () => {
    expect(checksum("tsr_")).toHaveLength(6);
    expect(checksum("")).toBe("000000");
  });
});
