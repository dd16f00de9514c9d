import { resolve } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { lockDataDir } from "./data-dir-lock.ts";
import { PrismaClient } from "./generated/prisma/client.ts";
import { applyMigrations, type SqlExecutor } from "./migrations.ts";

/**
 * PostgreSQL extensions the migrations create. A PostgreSQL server ships them in contrib; PGlite
 * must load each bundle when it opens (pg_trgm: trigram indexes for key search).
 */
export const pgliteExtensions = { pg_trgm };

export type Database = {
  prisma: PrismaClient;
  /** Where the data lives, for logs: a directory, "memory", or the server URL without its password. */
  location: string;
  kind: "pglite" | "postgres";
  /** Applies pending migrations; returns the names applied. Idempotent. */
  migrate(): Promise<string[]>;
  close(): Promise<void>;
};

export type DatabaseOptions = {
  /** `postgres://…` for a PostgreSQL server; unset for the embedded database. */
  databaseUrl?: string;
  /** The embedded database's directory; `memory://` (or undefined with no url) for an in-memory one. */
  dataDir?: string;
  /**
   * An in-memory embedded database that starts as a copy of another (PGlite's `dumpDataDir`): the
   * tests' template, migrated once per run instead of once per test file.
   */
  fromDump?: Blob;
};

function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "postgres://(unparseable url)";
  }
}

/** Opens the database Tessera is configured for: a PostgreSQL server or the embedded PGlite. */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl);
  return openPGlite(options.dataDir, options.fromDump);
}

async function openPostgres(url: string): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // An idle connection that the server drops (restart, failover, admin termination) emits an error
  // on the pool; without a listener that would crash the process. pg discards the broken client and
  // the next query opens a fresh connection, so there is nothing else to do.
  pool.on("error", () => {});
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  return {
    prisma,
    kind: "postgres",
    location: redactUrl(url),
    async migrate() {
      const client = await pool.connect();
      try {
        const executor: SqlExecutor = {
          query: async (sql, params) => ({ rows: (await client.query(sql, params)).rows }),
          exec: (sql) => client.query(sql),
        };
        return await applyMigrations(executor);
      } finally {
        client.release();
      }
    },
    async close() {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}

async function openPGlite(dataDir?: string, fromDump?: Blob): Promise<Database> {
  const inMemory = !dataDir || dataDir.startsWith("memory://");
  const dir = inMemory ? undefined : resolve(dataDir);
  const release = dir ? lockDataDir(dir) : () => {};
  let client: PGlite;
  try {
    client = await PGlite.create({
      ...(dir ? { dataDir: dir } : {}),
      ...(fromDump ? { loadDataDir: fromDump } : {}),
      extensions: pgliteExtensions,
    });
  } catch (error) {
    release();
    throw error;
  }
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(client) });
  return {
    prisma,
    kind: "pglite",
    location: dir ?? "memory",
    migrate: () => applyMigrations(client),
    async close() {
      await prisma.$disconnect();
      await client.close();
      release();
    },
  };
}
