import { SeedRefusedError, seedDemoData } from "@tessera/demo-data";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../src/config.ts";
import { useHarness } from "./support/harness.ts";

const h = useHarness();

describe("demo data never lands beside real data", () => {
  it("refuses, clearly and without writing anything, to seed a database that holds other data", async () => {
    const { org } = await h.newOrganization();
    const prisma = h.db.prisma;
    const before = [await prisma.organization.count(), await prisma.user.count(), await prisma.apiKey.count()];

    const refusal = seedDemoData(prisma);
    await expect(refusal).rejects.toBeInstanceOf(SeedRefusedError);
    await expect(refusal).rejects.toThrow(/already holds other data \(1 organizations, 4 users\)/);
    expect([await prisma.organization.count(), await prisma.user.count(), await prisma.apiKey.count()]).toEqual(before);
    expect(await prisma.user.findFirst({ where: { email: "owner@acme.test" } })).toBeNull();
    expect(await prisma.organization.findUniqueOrThrow({ where: { id: org.id } })).toBeTruthy();
  });

  it("is off by default on a PostgreSQL server, on by default only for the embedded database", () => {
    expect(loadConfig({ DATABASE_URL: "postgres://db.example/tessera" }).seedDemoData).toBe(false);
    expect(loadConfig({}).seedDemoData).toBe(true);
    expect(loadConfig({ DATABASE_URL: "postgres://db.example/tessera", TESSERA_SEED_DEMO: "true" }).seedDemoData).toBe(
      true,
    );
  });
});
