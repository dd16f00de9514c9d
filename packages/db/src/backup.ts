import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pgliteExtensions } from "./client.ts";
import { lockDataDir } from "./data-dir-lock.ts";

export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BackupError";
  }
}

const holdsDatabase = (dir: string) => existsSync(join(dir, "PG_VERSION"));

/**
 * Writes the embedded database in `dir` to `file` (PGlite's data-directory dump: a gzipped tarball).
 * Takes the directory's lock first, so it is refused with DataDirInUseError while a server holds it:
 * copying the files of a running database would give a torn backup.
 */
export async function backupDataDir(dir: string, file: string): Promise<{ bytes: number }> {
  const dataDir = resolve(dir);
  if (!holdsDatabase(dataDir)) throw new BackupError(`there is no database at ${dataDir} to back up`);
  const release = lockDataDir(dataDir);
  try {
    const db = await PGlite.create({ dataDir, extensions: pgliteExtensions });
    try {
      const dump = await db.dumpDataDir("gzip");
      const bytes = Buffer.from(await dump.arrayBuffer());
      writeFileSync(file, bytes);
      return { bytes: bytes.length };
    } finally {
      await db.close();
    }
  } finally {
    release();
  }
}

/**
 * Restores a backup into `dir`, which must not hold a database yet: restoring over live data is
 * left to a person who moves the old directory away first, so no restore ever destroys anything.
 */
export async function restoreDataDir(file: string, dir: string): Promise<void> {
  const dataDir = resolve(dir);
  if (!existsSync(file)) throw new BackupError(`no backup file at ${resolve(file)}`);
  if (holdsDatabase(dataDir)) {
    throw new BackupError(
      `${dataDir} already holds a database; move it away (or set TESSERA_DATA_DIR to an empty directory) and restore again`,
    );
  }
  const release = lockDataDir(dataDir);
  try {
    const db = await PGlite.create({
      dataDir,
      loadDataDir: new Blob([readFileSync(file)]),
      extensions: pgliteExtensions,
    });
    try {
      // Reading proves the restored files form a database before we say it worked.
      await db.query("SELECT count(*) FROM _prisma_migrations");
    } finally {
      await db.close();
    }
  } finally {
    release();
  }
}
