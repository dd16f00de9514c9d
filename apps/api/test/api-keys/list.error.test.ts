import { describe, expect, it } from "vitest";
import { useHarness } from "../support/harness.ts";
import { listQuery } from "./support.ts";

const h = useHarness();

describe("Organization.apiKeys errors", () => {
  it.each([0, 101, 1000])("first: %i is a clear error, not a silent clamp", async (first) => {
    const org = await h.newOrganization();
    const result = await org.as.OWNER.gql(listQuery, { slug: org.org.slug, first });
    expect(result.errors?.[0]?.message).toContain("`first` must be between 1 and 100");
    expect(result.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });

  it("a negative first is refused by the connection itself, also clearly", async () => {
    const org = await h.newOrganization();
    const result = await org.as.OWNER.gql(listQuery, { slug: org.org.slug, first: -1 });
    expect(result.errors?.[0]?.message).toBe("`first` must be between 1 and 100 (got -1).");
  });

  it("a malformed creator id is a clear error", async () => {
    const org = await h.newOrganization();
    const result = await org.as.OWNER.gql(listQuery, { slug: org.org.slug, filter: { createdById: "nope" } });
    expect(result.errors?.[0]?.message).toContain("createdById");
  });

  it("a garbage cursor does not crash the server", async () => {
    const org = await h.newOrganization();
    const result = await org.as.OWNER.gql(listQuery, { slug: org.org.slug, after: "garbage" });
    expect(result.status).toBe(200);
    expect(result.errors?.[0]?.message).not.toBe("Unexpected error.");
  });
});
