import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "../src/client.ts";
import { listMigrations } from "../src/migrations.ts";
import { schemaDrift } from "../src/schema-drift.ts";

const adminUrl = process.env.TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

async function scratchPostgres(): Promise<string> {
  const name = `tessera_mig_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  cleanups.push(async () => {
    const dropper = new pg.Client({ connectionString: adminUrl });
    await dropper.connect();
    await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await dropper.end();
  });
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

describe.each(["pglite", "postgres"] as const)("migrations on %s", (kind) => {
  it("applies every committed migration once, records it like prisma migrate, and is idempotent", async () => {
    const db =
      kind === "postgres" ? await openDatabase({ databaseUrl: await scratchPostgres() }) : await openDatabase({});
    try {
      const names = listMigrations().map((m) => m.name);
      expect(await db.migrate()).toEqual(names);
      expect(await db.migrate()).toEqual([]);
      const rows = await db.prisma.$queryRaw<{ migration_name: string; checksum: string }[]>`
        SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL ORDER BY migration_name`;
      expect(rows.map((r) => r.migration_name)).toEqual(names);
      expect(await db.prisma.organization.count()).toBe(0);
    } finally {
      await db.close();
    }
  });

  it("refuses to start when an applied migration was edited afterwards", async () => {
    const db =
      kind === "postgres" ? await openDatabase({ databaseUrl: await scratchPostgres() }) : await openDatabase({});
    try {
      await db.migrate();
      await db.prisma.$executeRaw`UPDATE "_prisma_migrations" SET checksum = 'edited'`;
      await expect(db.migrate()).rejects.toThrow(/was changed after it was applied/);
    } finally {
      await db.close();
    }
  });
});

describe("concurrent starters on one PostgreSQL database", () => {
  it("serialise on an advisory lock: both succeed, each migration applied exactly once", async () => {
    const url = await scratchPostgres();
    const [a, b] = await Promise.all([openDatabase({ databaseUrl: url }), openDatabase({ databaseUrl: url })]);
    try {
      const [appliedA, appliedB] = await Promise.all([a.migrate(), b.migrate()]);
      expect([...appliedA, ...appliedB].sort()).toEqual(listMigrations().map((m) => m.name));
    } finally {
      await a.close();
      await b.close();
    }
  });
});

describe("the embedded database on disk", () => {
  it("keeps its data across a close and reopen", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tessera-pglite-"));
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
    const first = await openDatabase({ dataDir: dir });
    await first.migrate();
    await first.prisma.organization.create({ data: { slug: "kept", name: "Kept" } });
    await first.close();
    const second = await openDatabase({ dataDir: dir });
    expect(await second.migrate()).toEqual([]);
    expect(await second.prisma.organization.findUnique({ where: { slug: "kept" } })).toMatchObject({ name: "Kept" });
    await second.close();
  });
});

describe("prisma/schema.prisma and prisma/migrations", () => {
  it("agree (run `pnpm db:diff <name>` after changing the schema)", async () => {
    const sql = await schemaDrift();
    expect(sql.trim() === "" || sql.includes("empty migration")).toBe(true);
  }, 60_000);
});
