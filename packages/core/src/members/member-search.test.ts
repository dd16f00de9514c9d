import { describe, expect, it } from "vitest";
import { ValidationError } from "../errors.ts";
import { memberSearchWhere } from "./member-search.ts";

describe("memberSearchWhere", () => {
  it("blank or spaces only: every member", () => {
    expect(memberSearchWhere(null)).toEqual({});
    expect(memberSearchWhere("   ")).toEqual({});
  });

  it("searches email and name case-insensitively on the trimmed text", () => {
    const contains = { contains: "ada", mode: "insensitive" };
    expect(memberSearchWhere("  ada ")).toEqual({ user: { OR: [{ email: contains }, { name: contains }] } });
  });

  it("refuses more than 254 characters, naming the argument and the length", () => {
    expect(memberSearchWhere(` ${"a".repeat(254)} `)).toBeTruthy();
    expect(() => memberSearchWhere("a".repeat(255))).toThrow(
      new ValidationError("`search` must be at most 254 characters (got 255).", "search"),
    );
  });
});
