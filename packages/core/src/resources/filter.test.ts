import { describe, expect, it } from "vitest";
import { resourceWhere } from "./filter.ts";

describe("resourceWhere", () => {
  it("always stays inside the organization", () => {
    expect(resourceWhere("org-1", undefined)).toEqual({ organizationId: "org-1" });
    expect(resourceWhere("org-1", { kinds: [], search: "" })).toEqual({ organizationId: "org-1" });
  });

  it("filters by kinds and searches the trimmed name case-insensitively", () => {
    expect(resourceWhere("org-1", { kinds: ["VEHICLE_GROUP"], search: " North " })).toEqual({
      organizationId: "org-1",
      kind: { in: ["VEHICLE_GROUP"] },
      name: { contains: "North", mode: "insensitive" },
    });
  });
});

describe("resourceWhere topLevel", () => {
  it("keeps only resources in no group when asked", () => {
    expect(resourceWhere("org-1", { topLevel: true })).toEqual({ organizationId: "org-1", parentId: null });
    expect(resourceWhere("org-1", { topLevel: false })).toEqual({ organizationId: "org-1" });
  });
});
