/**
 * `pnpm db:backup <file>` and `pnpm db:restore <file>`: back up and restore the embedded database
 * (TESSERA_DATA_DIR, default ./.data). Refused while the server runs on that directory. For a
 * PostgreSQL server (DATABASE_URL) use pg_dump and pg_restore instead (see docs/operating.md).
 */
import { resolve } from "node:path";
import { BackupError, backupDataDir, DataDirInUseError, restoreDataDir } from "../src/index.ts";

const [mode, fileArgument] = process.argv.slice(2);
if ((mode !== "backup" && mode !== "restore") || !fileArgument) {
  console.error("usage: pnpm db:backup <file> | pnpm db:restore <file>");
  process.exit(2);
}
if (process.env.DATABASE_URL) {
  console.error("DATABASE_URL is set: this backs up the embedded database only. Use pg_dump for a PostgreSQL server.");
  process.exit(2);
}
// pnpm runs scripts from the workspace root; a relative file means relative to where the user typed it.
const file = resolve(process.env.INIT_CWD ?? process.cwd(), fileArgument);
const dataDir = resolve(process.env.TESSERA_DATA_DIR ?? "./.data");
try {
  if (mode === "backup") {
    const { bytes } = await backupDataDir(dataDir, file);
    console.log(`backed up ${dataDir} to ${file} (${bytes} bytes)`);
  } else {
    await restoreDataDir(file, dataDir);
    console.log(`restored ${file} into ${dataDir}`);
  }
} catch (error) {
  if (error instanceof DataDirInUseError) {
    console.error(`cannot ${mode} while the server runs: ${error.message}`);
    process.exit(1);
  }
  if (error instanceof BackupError) {
    console.error(`cannot ${mode}: ${error.message}`);
    process.exit(1);
  }
  throw error;
}
