import { describe, expect, it } from "vitest";
import { useHarness } from "../support/harness.ts";
import { gid, listQuery } from "./support.ts";

const h = useHarness();

describe("Organization.apiKeys filter errors", () => {
  it.each([
    ["createdByKeyId", "nope", "ApiKey id"],
    ["createdByKeyId", gid("User", "7f0c7a3e-2a3c-4b0e-9d4e-1d2f3a4b5c6d"), "ApiKey id"],
    ["customerAccountId", gid("Resource", "7f0c7a3e-2a3c-4b0e-9d4e-1d2f3a4b5c6d"), "CustomerAccount id"],
    ["resourceId", "!!", "Resource id"],
  ])("%s: %s is a clear error naming the expected id", async (field, value, expected) => {
    const org = await h.newOrganization();
    const result = await org.as.OWNER.gql(listQuery, { slug: org.org.slug, filter: { [field]: value } });
    expect(result.errors?.[0]?.message).toContain(`filter.${field}`);
    expect(result.errors?.[0]?.message).toContain(expected);
    expect(result.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });

  it.each([["expiresBefore"], ["unusedSince"]])("%s must be a date-time", async (field) => {
    const org = await h.newOrganization();
    for (const value of ["yesterday", "2026-13-45T00:00:00Z", 12]) {
      const result = await org.as.OWNER.gql(listQuery, { slug: org.org.slug, filter: { [field]: value } });
      // A variable that does not coerce is a request error (GraphQL over HTTP: 400), never a 500.
      expect(result.status, String(value)).toBe(400);
      expect(result.errors?.[0]?.message, String(value)).toMatch(/DateTime|date/i);
      expect(result.data ?? null).toBeNull();
    }
  });
});
