import { describe, expect, it } from "vitest";
import { ValidationError } from "../errors.ts";
import { normalizeSlug, slugFromName } from "./organization-slug.ts";

describe("organization slugs", () => {
  it("accept 3 to 40 lower-case letters, digits and inner hyphens, trimmed", () => {
    expect(normalizeSlug(" acme-fleet ")).toBe("acme-fleet");
    expect(normalizeSlug("a1b")).toBe("a1b");
    expect(normalizeSlug("x".repeat(40))).toHaveLength(40);
  });

  it.each(["ab", "x".repeat(41), "Acme", "-acme", "acme-", "ac me", "ac.me", "äcme"])("refuse %j", (slug) => {
    expect(() => normalizeSlug(slug)).toThrow(ValidationError);
  });

  it("are suggested from names, always valid", () => {
    expect(slugFromName("Acme Fleet GmbH")).toBe("acme-fleet-gmbh");
    expect(slugFromName("Société Générale!")).toBe("societe-generale");
    expect(slugFromName("AB")).toBe("ab-org");
    expect(slugFromName("!!!")).toBe("organization");
    for (const name of ["Acme Fleet GmbH", "AB", "!!!", `${"long name ".repeat(10)}`]) {
      expect(normalizeSlug(slugFromName(name))).toBe(slugFromName(name));
    }
  });
});
