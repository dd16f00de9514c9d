import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { type Database, openDatabase } from "@tessera/db";
import pg from "pg";
import { inject } from "vitest";
import { adminUrl, databaseUrl } from "./postgres-urls.ts";

export type TestDatabase = Database & { name: string };

/**
 * A fresh, migrated database for one test file: an in-memory PGlite started from the run's migrated
 * dump, or a clone of the run's PostgreSQL template. Dropped on close.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  if (process.env.TEST_DB === "postgres") {
    const name = `tessera_t_${randomBytes(5).toString("hex")}`;
    const admin = new pg.Client({ connectionString: adminUrl() });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${inject("postgresTemplate")}`);
    await admin.end();
    const db = await openDatabase({ databaseUrl: databaseUrl(name) });
    return {
      ...db,
      name,
      async close() {
        await db.close();
        const dropper = new pg.Client({ connectionString: adminUrl() });
        await dropper.connect();
        await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await dropper.end();
      },
    };
  }
  // The run's migrated template (pglite-template.ts) when the project has one; migrations otherwise.
  const template = inject("pgliteTemplate");
  const db = await openDatabase(template ? { fromDump: new Blob([readFileSync(template)]) } : {});
  await db.migrate();
  return { ...db, name: "memory" };
}
