import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { generateApiKey, isWellFormedApiKey } from "./api-key-secret.ts";
import {
  maxDescriptionLength,
  twelveMonthsAfter,
  validateDescription,
  validateExpiry,
  validateName,
  validateOrigins,
  validateUserAgent,
} from "./api-keys/validation.ts";
import { ValidationError } from "./errors.ts";
import { assertAcceptablePassword, minPasswordLength } from "./members/password-rules.ts";

// Property tests over the pure rules: for any input, each rule either returns a value with the
// promised shape or refuses with a ValidationError naming its field, and never throws anything else.
// Runs are bounded (fast-check's default of 100, 300 for the cheap ones) to keep this file at a few seconds.

const base62 = fc.constantFrom(..."0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");
const randomPart = fc.array(base62, { minLength: 32, maxLength: 32 }).map((chars) => chars.join(""));
/** Strings that stress trimming, case, unicode and length. */
const hostile = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.string({ unit: "grapheme", maxLength: 120 }),
  fc.constantFrom(
    "",
    " ",
    "\u0000",
    "\u202e",
    "*",
    "?",
    "a".repeat(10_000),
    "ｅｘａｍｐｌｅ.com",
    "xn--80ak6aa92e.com",
  ),
);

/** Runs `rule`; a ValidationError must name `field`, and nothing else may be thrown. */
function outcome<T>(rule: () => T, field: string): { ok: true; value: T } | { ok: false } {
  try {
    return { ok: true, value: rule() };
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).field).toBe(field);
    return { ok: false };
  }
}

describe("API key format and checksum", () => {
  it("every generated key is well formed, and its hint gives away only the first 6 random characters", () => {
    fc.assert(
      fc.property(randomPart, (random) => {
        const key = generateApiKey(random);
        expect(isWellFormedApiKey(key.secret)).toBe(true);
        expect(key.hash).toMatch(/^[0-9a-f]{64}$/);
        expect(key.hint).toBe(`tsr_${random.slice(0, 6)}…`);
      }),
      { numRuns: 300 },
    );
  });

  it("changing any one character of a key breaks its checksum", () => {
    fc.assert(
      fc.property(randomPart, fc.nat(), base62, (random, at, replacement) => {
        const { secret } = generateApiKey(random);
        // Positions after the prefix: the random part and the checksum (skipping the separator).
        const positions = [...Array(secret.length).keys()].filter((i) => i >= 4 && secret[i] !== "_");
        const index = positions[at % positions.length] ?? 4;
        fc.pre(secret[index] !== replacement);
        const typo = secret.slice(0, index) + replacement + secret.slice(index + 1);
        expect(isWellFormedApiKey(typo)).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it("arbitrary text is never taken for a key, and checking it never throws", () => {
    fc.assert(
      fc.property(hostile, (text) => {
        expect(isWellFormedApiKey(text)).toBe(false);
        expect(isWellFormedApiKey(`tsr_${text}`)).toBe(false);
      }),
      { numRuns: 300 },
    );
  });
});

describe("name, description, user agent and origin rules", () => {
  it("a name is refused or comes back trimmed, 1 to 100 characters", () => {
    fc.assert(
      fc.property(hostile, (raw) => {
        const result = outcome(() => validateName(raw), "name");
        if (result.ok) {
          expect(result.value).toBe(raw.trim());
          expect(result.value.length).toBeGreaterThanOrEqual(1);
          expect(result.value.length).toBeLessThanOrEqual(100);
        } else {
          expect(raw.trim().length === 0 || raw.trim().length > 100).toBe(true);
        }
      }),
    );
  });

  it("a description is refused or comes back trimmed within the limit (blank: none)", () => {
    fc.assert(
      fc.property(fc.option(hostile), (raw) => {
        const result = outcome(() => validateDescription(raw), "description");
        if (result.ok) {
          expect(result.value === null || result.value === raw?.trim()).toBe(true);
          expect((result.value ?? "").length).toBeLessThanOrEqual(maxDescriptionLength);
        }
      }),
    );
  });

  it("a user agent is refused, or kept exactly as given, never blank, never a wildcard", () => {
    fc.assert(
      fc.property(hostile, (raw) => {
        const result = outcome(() => validateUserAgent(raw), "userAgent");
        if (result.ok) {
          expect(result.value).toBe(raw);
          expect(raw.trim()).not.toBe("");
          expect(raw).not.toContain("*");
        }
      }),
    );
  });

  it("origins are refused or come back as lower-case bare hosts without duplicates, and validating again changes nothing", () => {
    const hostLike = fc.oneof(
      fc.domain(),
      fc.domain().map((d) => `*.${d}`),
      fc.domain().map((d) => d.toUpperCase()),
      fc.constant("?"),
      fc.webUrl(),
      hostile,
    );
    fc.assert(
      fc.property(fc.array(hostLike, { maxLength: 60 }), (origins) => {
        const result = outcome(() => validateOrigins(origins), "origins");
        if (!result.ok) return;
        expect(new Set(result.value).size).toBe(result.value.length);
        for (const origin of result.value) {
          expect(origin).toBe(origin.toLowerCase());
          expect(origin).not.toMatch(/[/:\s@]/);
        }
        expect(validateOrigins(result.value)).toEqual(result.value);
      }),
    );
  });
});

describe("expiry rule", () => {
  it("accepts exactly the dates from one day to twelve months ahead", () => {
    const now = new Date("2026-06-15T12:00:00Z");
    fc.assert(
      fc.property(
        fc.date({ min: new Date("2020-01-01"), max: new Date("2030-01-01"), noInvalidDate: false }),
        (date) => {
          const result = outcome(() => validateExpiry(date, now), "expiresAt");
          const t = date.getTime();
          const inRange = t >= now.getTime() + 86_400_000 && t <= twelveMonthsAfter(now).getTime() + 5 * 60_000;
          expect(result.ok).toBe(inRange);
          if (result.ok) expect(result.value).toBe(date);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("password rule", () => {
  it("refuses every password shorter than the minimum and never fails with anything but a ValidationError", () => {
    fc.assert(
      fc.property(hostile, fc.emailAddress(), (password, email) => {
        const result = outcome(() => assertAcceptablePassword(password, email), "newPassword");
        if ([...password.normalize("NFKC")].length < minPasswordLength) expect(result.ok).toBe(false);
        if (result.ok) expect(password.toLowerCase()).not.toBe(email.toLowerCase());
      }),
    );
  });
});
