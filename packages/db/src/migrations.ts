import { createHash, randomUUID } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
export const schemaPath = join(repoRoot, "prisma/schema.prisma");
export const migrationsDir = join(repoRoot, "prisma/migrations");

export type Migration = { name: string; sql: string; checksum: string };

/** The committed migrations, in order (Prisma's `<timestamp>_<name>/migration.sql` layout). */
export function listMigrations(dir = migrationsDir): Migration[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

/** The minimal SQL surface shared by PGlite and node-postgres that the runner needs. */
export type SqlExecutor = {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: T[] }>;
  exec(sql: string): Promise<unknown>;
};

const historyTable = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

/**
 * Applies the committed migrations that the database has not seen, each in its own transaction,
 * recording them in `_prisma_migrations` exactly as `prisma migrate deploy` does, so either tool can
 * take over. A migration whose file changed after it was applied is refused: history must not be
 * rewritten.
 */
export async function applyMigrations(db: SqlExecutor, migrations = listMigrations()): Promise<string[]> {
  // A session-level advisory lock serialises concurrent starters on one PostgreSQL server, including
  // the creation of the history table itself (two CREATE TABLE IF NOT EXISTS can still collide).
  await db.query("SELECT pg_advisory_lock(727272)");
  try {
    await db.exec(historyTable);
    const applied: string[] = [];
    for (const migration of migrations) {
      if (await applyOne(db, migration)) applied.push(migration.name);
    }
    return applied;
  } finally {
    await db.query("SELECT pg_advisory_unlock(727272)");
  }
}

async function applyOne(db: SqlExecutor, migration: Migration): Promise<boolean> {
  const { rows } = await db.query<{ checksum: string }>(
    `SELECT checksum FROM "_prisma_migrations" WHERE migration_name = $1 AND finished_at IS NOT NULL AND rolled_back_at IS NULL`,
    [migration.name],
  );
  if (rows.length > 0) {
    if (rows[0]?.checksum !== migration.checksum) {
      throw new Error(
        `migration ${migration.name} was changed after it was applied; add a new migration instead of editing it`,
      );
    }
    return false;
  }
  await db.exec("BEGIN");
  try {
    await db.exec(migration.sql);
    await db.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, finished_at, applied_steps_count) VALUES ($1, $2, $3, now(), 1)`,
      [randomUUID(), migration.checksum, migration.name],
    );
    await db.exec("COMMIT");
    return true;
  } catch (error) {
    await db.exec("ROLLBACK").catch(() => {});
    throw new Error(`migration ${migration.name} failed: ${(error as Error).message}`, { cause: error });
  }
}
