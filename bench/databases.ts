import { randomBytes } from "node:crypto";
import { type Database, openDatabase } from "@tessera/db";

export const adminUrl = process.env.TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

/**
 * Runs a benchmark on a fresh, migrated embedded database and on a fresh database of the PostgreSQL
 * server (`BENCH_DB=pglite|postgres` picks one), dropping each afterwards.
 */
export async function onEachBenchDatabase(
  benchmark: (kind: "pglite" | "postgres", db: Database) => Promise<void>,
): Promise<void> {
  const which = process.env.BENCH_DB;
  if (!which || which === "pglite") {
    const db = await openDatabase({});
    await db.migrate();
    try {
      await benchmark("pglite", db);
    } finally {
      await db.close();
    }
  }
  if (!which || which === "postgres") {
    const name = `tessera_bench_${randomBytes(4).toString("hex")}`;
    const admin = await openDatabase({ databaseUrl: adminUrl });
    await admin.prisma.$executeRawUnsafe(`CREATE DATABASE ${name}`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    const db = await openDatabase({ databaseUrl: url.toString() });
    try {
      await db.migrate();
      await benchmark("postgres", db);
    } finally {
      await db.close();
      await admin.prisma.$executeRawUnsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.close();
    }
  }
}
