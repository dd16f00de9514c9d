import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { useHarness } from "../support/harness.ts";
import { dayMs, hourMs, keyOf, today } from "./support.ts";

const h = useHarness();
const migration = new URL(
  "../../../../prisma/migrations/20261201103619_usage_rollup_and_retention/migration.sql",
  import.meta.url,
);

describe("the usage rollup migration", () => {
  it("builds the daily rows per key and per organization from the hourly rows counted before it", async () => {
    const prisma = h.db.prisma;
    const org = await h.newOrganization();
    const [a, b] = [await keyOf(org), await keyOf(org)];
    const midnight = today();
    // Hourly rows as the flush wrote them before this migration: nothing else.
    await prisma.apiKeyUsage.createMany({
      data: [
        { apiKeyId: a, hour: new Date(midnight - dayMs + 2 * hourMs), code: "VALID", count: 3 },
        { apiKeyId: a, hour: new Date(midnight - dayMs + 23 * hourMs), code: "VALID", count: 4 },
        { apiKeyId: a, hour: new Date(midnight + hourMs), code: "REVOKED", count: 1 },
        { apiKeyId: b, hour: new Date(midnight - dayMs + 5 * hourMs), code: "VALID", count: 10 },
      ],
    });
    await prisma.usageRollup.deleteMany();

    const backfill = readFileSync(migration, "utf8").split("-- Backfill")[1] ?? "";
    const statements = backfill
      .replace(/^.*$/m, "")
      .replace(/^--.*$/gm, "")
      .split(/;\s*$/m)
      .map((s) => s.trim())
      .filter(Boolean);
    expect(statements).toHaveLength(3);
    for (const statement of statements) await prisma.$executeRawUnsafe(statement);

    const daily = await prisma.apiKeyUsageDaily.findMany({
      where: { organizationId: org.org.id },
      orderBy: [{ day: "asc" }, { code: "asc" }, { count: "asc" }],
      select: { apiKeyId: true, day: true, code: true, count: true },
    });
    expect(daily).toEqual([
      { apiKeyId: a, day: new Date(midnight - dayMs), code: "VALID", count: 7n },
      { apiKeyId: b, day: new Date(midnight - dayMs), code: "VALID", count: 10n },
      { apiKeyId: a, day: new Date(midnight), code: "REVOKED", count: 1n },
    ]);
    const totals = await prisma.organizationUsageDaily.findMany({
      where: { organizationId: org.org.id },
      orderBy: { day: "asc" },
      select: { day: true, code: true, count: true },
    });
    expect(totals).toEqual([
      { day: new Date(midnight - dayMs), code: "VALID", count: 17n },
      { day: new Date(midnight), code: "REVOKED", count: 1n },
    ]);
    // Nothing rolled up yet: every hourly row is still read as hours.
    expect((await prisma.usageRollup.findUnique({ where: { id: 1 } }))?.hourlyFrom).toEqual(new Date(0));
  });
});
