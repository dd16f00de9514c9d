import { describe, expect, it } from "vitest";
import { ForbiddenError } from "../errors.ts";
import type { MemberRole } from "../roles.ts";
import { assertMayGrant, assertMayManage } from "./role-rules.ts";

const roles: MemberRole[] = ["OWNER", "ADMIN", "EDITOR", "VIEWER"];
const allowed = (f: () => void) => {
  try {
    f();
    return true;
  } catch (error) {
    if (error instanceof ForbiddenError) return false;
    throw error;
  }
};

describe("member role rules", () => {
  it("let only owners grant OWNER, and owners and admins grant the rest", () => {
    const table = roles.map((actor) => roles.map((role) => allowed(() => assertMayGrant(actor, role))));
    expect(table).toEqual([
      [true, true, true, true],
      [false, true, true, true],
      [false, false, false, false],
      [false, false, false, false],
    ]);
  });

  it("let only owners change owners, and keep admins off other admins but not off themselves", () => {
    const table = roles.map((actor) => roles.map((target) => allowed(() => assertMayManage(actor, target, false))));
    expect(table).toEqual([
      [true, true, true, true],
      [false, false, true, true],
      [false, false, false, false],
      [false, false, false, false],
    ]);
    expect(allowed(() => assertMayManage("ADMIN", "ADMIN", true))).toBe(true);
  });
});
