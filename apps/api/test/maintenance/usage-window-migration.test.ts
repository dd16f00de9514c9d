import { readFileSync } from "node:fs";
import { usageWindowStart } from "@tessera/core";
import { describe, expect, it } from "vitest";
import { useHarness } from "../support/harness.ts";
import { dayMs, keyOf, today } from "./support.ts";

const h = useHarness();
const migration = new URL("../../../../prisma/migrations/20261201131437_usage_window/migration.sql", import.meta.url);

describe("the usage window migration", () => {
  it("starts each used key's running totals at the first of the last 30 days, from the daily rows", async () => {
    const prisma = h.db.prisma;
    const org = await h.newOrganization();
    const [a, b, unused] = [await keyOf(org), await keyOf(org), await keyOf(org)];
    const midnight = today();
    const row = (apiKeyId: string, daysAgo: number, code: string, count: number) => ({
      apiKeyId,
      organizationId: org.org.id,
      day: new Date(midnight - daysAgo * dayMs),
      code,
      count,
    });
    // Daily rows as the flush wrote them before this migration: nothing in the running totals.
    await prisma.apiKeyUsageDaily.createMany({
      data: [
        row(a, 30, "VALID", 100),
        row(a, 29, "VALID", 3),
        row(a, 29, "EXPIRED", 2),
        row(a, 0, "VALID", 4),
        row(b, 31, "VALID", 50),
        row(unused, 45, "REVOKED", 1),
      ],
    });
    await prisma.apiKeyUsageWindow.deleteMany();

    const backfill = (readFileSync(migration, "utf8").split("-- Backfill")[1] ?? "").replace(/^.*$/m, "");
    await prisma.$executeRawUnsafe(
      backfill
        .replace(/^--.*$/gm, "")
        .trim()
        .replace(/;$/, ""),
    );

    const windows = await prisma.apiKeyUsageWindow.findMany({ where: { organizationId: org.org.id } });
    expect(windows.map(({ apiKeyId, since, total, valid }) => ({ apiKeyId, since, total, valid }))).toEqual([
      { apiKeyId: a, since: usageWindowStart(new Date()), total: 9n, valid: 7n },
    ]);
  });
});
