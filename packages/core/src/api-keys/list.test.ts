import { describe, expect, it } from "vitest";
import { apiKeyStatus } from "../api-key-status.ts";
import { apiKeyListWhere, apiKeyStatusWhere } from "./list.ts";

const now = new Date("2026-06-01T00:00:00.000Z");
const dayMs = 86_400_000;

/** Evaluates a status `where` on one key the way the database would, to compare with apiKeyStatus. */
function matches(
  where: ReturnType<typeof apiKeyStatusWhere>,
  key: { revokedAt: Date | null; expiresAt: Date },
): boolean {
  const revoked = where.revokedAt as { not?: null } | null;
  if (revoked === null && key.revokedAt !== null) return false;
  if (revoked && "not" in revoked && key.revokedAt === null) return false;
  const range = (where.expiresAt ?? {}) as { gt?: Date; lte?: Date };
  if (range.gt && !(key.expiresAt > range.gt)) return false;
  if (range.lte && !(key.expiresAt <= range.lte)) return false;
  return true;
}

describe("status filters mirror apiKeyStatus exactly", () => {
  const keys = [-10, 0, 1, 89, 90, 91, 300].flatMap((days) => [
    { revokedAt: null, expiresAt: new Date(now.getTime() + days * dayMs) },
    { revokedAt: now, expiresAt: new Date(now.getTime() + days * dayMs) },
  ]);
  it.each(["ACTIVE", "EXPIRING", "EXPIRED", "REVOKED"] as const)("%s", (status) => {
    for (const key of keys) {
      expect(matches(apiKeyStatusWhere(status, now), key)).toBe(apiKeyStatus(key, now) === status);
    }
  });
});

describe("apiKeyListWhere", () => {
  it("ignores blank parts and always scopes to the organization", () => {
    expect(apiKeyListWhere("org", { search: "  ", statuses: [] }, now)).toEqual({ organizationId: "org" });
  });
  it("searches name, description and hint case-insensitively", () => {
    const where = apiKeyListWhere("org", { search: " Sync " }, now);
    expect(where.AND).toEqual([
      {
        OR: [
          { name: { contains: "Sync", mode: "insensitive" } },
          { description: { contains: "Sync", mode: "insensitive" } },
          { hint: { contains: "Sync", mode: "insensitive" } },
        ],
      },
    ]);
  });
});
