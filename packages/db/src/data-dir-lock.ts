import {
  closeSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import { join } from "node:path";

export class DataDirInUseError extends Error {
  constructor(
    readonly dir: string,
    readonly pid: number,
  ) {
    super(`database at ${dir} is in use by process ${pid}; stop it or set TESSERA_DATA_DIR to another directory`);
    this.name = "DataDirInUseError";
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The pid recorded in a lock file; null when it is gone or unreadable. */
function holderOf(path: string): number | null {
  try {
    const pid = Number.parseInt(readFileSync(path, "utf8"), 10);
    return Number.isInteger(pid) ? pid : null;
  } catch {
    return null;
  }
}

/** A takeover guard older than this was left by a process that died mid-takeover. */
const abandonedGuardMs = 10_000;

/**
 * Replaces a lock left by `stalePid` with ours, atomically with respect to other starting processes.
 * Deleting the stale file and creating a new one would let two processes that both saw the dead
 * holder each delete the other's fresh lock and both "win". Instead, one process at a time may take
 * over (a guard file created with O_EXCL); under the guard it re-reads the holder, and only if the
 * same dead process still holds the lock does it rename a file holding its own pid over it (rename
 * is atomic: readers see the old pid or the new one, never a half-written file).
 */
function takeOverStaleLock(lockPath: string, stalePid: number | null): boolean {
  const guardPath = `${lockPath}.takeover`;
  let guard: number;
  try {
    guard = openSync(guardPath, "wx");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    try {
      if (Date.now() - statSync(guardPath).mtimeMs > abandonedGuardMs) rmSync(guardPath, { force: true });
    } catch {
      // The guard went away meanwhile: the next attempt sees the new holder.
    }
    return false;
  }
  try {
    if (holderOf(lockPath) !== stalePid) return false;
    const mine = `${lockPath}.${process.pid}`;
    writeFileSync(mine, String(process.pid));
    renameSync(mine, lockPath);
    return true;
  } finally {
    closeSync(guard);
    rmSync(guardPath, { force: true });
  }
}

/**
 * Takes an exclusive lock on an embedded data directory. PGlite has no cross-process lock of its own,
 * and two processes writing one directory corrupt it silently, so a second opener must be refused.
 * The lock file is created with O_EXCL (atomic); a lock left by a process that no longer runs (a crash,
 * SIGKILL) is taken over atomically (see takeOverStaleLock). Returns the release function.
 */
export function lockDataDir(dir: string): () => void {
  mkdirSync(dir, { recursive: true });
  const lockPath = join(dir, "tessera.lock");
  const release = () => {
    if (holderOf(lockPath) === process.pid) rmSync(lockPath, { force: true });
  };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(lockPath, "wx");
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = holderOf(lockPath);
      if (holder !== null && holder !== process.pid && isRunning(holder)) {
        throw new DataDirInUseError(dir, holder);
      }
      if (takeOverStaleLock(lockPath, holder)) return release;
    }
  }
  throw new Error(`could not lock the database directory ${dir}: another process is taking it over; try again`);
}
