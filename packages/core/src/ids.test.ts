import { describe, expect, it } from "vitest";
import { isUuid } from "./ids.ts";

describe("isUuid", () => {
  it("accepts canonical UUIDs in either case", () => {
    expect(isUuid("0b7c4a4e-8f2d-4c3a-9a51-2d7f0e6b1c9a")).toBe(true);
    expect(isUuid("0B7C4A4E-8F2D-4C3A-9A51-2D7F0E6B1C9A")).toBe(true);
  });

  it("refuses anything else, so it never reaches a UUID column", () => {
    for (const value of ["", "42", "0b7c4a4e8f2d4c3a9a512d7f0e6b1c9a", "0b7c4a4e-8f2d-4c3a-9a51-2d7f0e6b1c9a'--"]) {
      expect(isUuid(value)).toBe(false);
    }
  });
});
