import { describe, expect, it } from "vitest";
import { customerAccountWhere } from "./filter.ts";

describe("customerAccountWhere", () => {
  it("always stays inside the organization", () => {
    expect(customerAccountWhere("org-1", null)).toEqual({ organizationId: "org-1" });
    expect(customerAccountWhere("org-1", { search: "  ", statuses: [] })).toEqual({ organizationId: "org-1" });
  });

  it("searches the trimmed name case-insensitively and filters by statuses", () => {
    expect(customerAccountWhere("org-1", { search: " acme ", statuses: ["ACTIVE", "SUSPENDED"] })).toEqual({
      organizationId: "org-1",
      name: { contains: "acme", mode: "insensitive" },
      status: { in: ["ACTIVE", "SUSPENDED"] },
    });
  });
});
