import { describe, expect, it } from "vitest";
import { ValidationError } from "./errors.ts";
import { maxNameLength, nameContains, normalizeName } from "./names.ts";

describe("normalizeName", () => {
  it("trims surrounding whitespace", () => {
    expect(normalizeName("  Acme Logistics \n")).toBe("Acme Logistics");
  });

  it("refuses an empty or blank name, naming the field", () => {
    expect(() => normalizeName("")).toThrow(ValidationError);
    expect(() => normalizeName("   ", "title")).toThrow(expect.objectContaining({ field: "title" }));
  });

  it("accepts exactly the maximum length and refuses one more character", () => {
    expect(normalizeName("a".repeat(maxNameLength))).toHaveLength(maxNameLength);
    expect(() => normalizeName("a".repeat(maxNameLength + 1))).toThrow(/at most 100 characters \(got 101\)/);
  });

  it("measures the length after trimming", () => {
    expect(normalizeName(` ${"a".repeat(maxNameLength)} `)).toHaveLength(maxNameLength);
  });
});

describe("nameContains", () => {
  it("searches the trimmed text case-insensitively, and nothing for a blank search", () => {
    expect(nameContains(" acme ")).toEqual({ contains: "acme", mode: "insensitive" });
    expect(nameContains("  ")).toBeUndefined();
    expect(nameContains(null)).toBeUndefined();
  });
});
