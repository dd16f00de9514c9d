import type { CustomerAccountStatus } from "@tessera/db";
import { describe, expect, it } from "vitest";
import { ConflictError } from "../errors.ts";
import { assertStatusChange } from "./status.ts";

const statuses: CustomerAccountStatus[] = ["ACTIVE", "SUSPENDED", "CLOSED"];

describe("assertStatusChange", () => {
  it("lets ACTIVE and SUSPENDED accounts move to any status", () => {
    for (const from of ["ACTIVE", "SUSPENDED"] as const) {
      for (const to of statuses) expect(() => assertStatusChange(from, to)).not.toThrow();
    }
  });

  it("never reopens a CLOSED account", () => {
    expect(() => assertStatusChange("CLOSED", "ACTIVE")).toThrow(ConflictError);
    expect(() => assertStatusChange("CLOSED", "SUSPENDED")).toThrow(/closed and cannot be made SUSPENDED/);
  });

  it("treats closing a closed account as no change", () => {
    expect(() => assertStatusChange("CLOSED", "CLOSED")).not.toThrow();
  });
});
