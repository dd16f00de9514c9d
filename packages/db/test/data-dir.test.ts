import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openDatabase } from "../src/client.ts";
import { DataDirInUseError } from "../src/data-dir-lock.ts";

const fixture = join(import.meta.dirname, "fixtures/write-then-wait.ts");
const dirs: string[] = [];
const children: ChildProcess[] = [];

afterEach(() => {
  for (const child of children.splice(0)) child.kill("SIGKILL");
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "tessera-data-"));
  dirs.push(dir);
  return dir;
}

/** Starts a child that writes one row to the directory; resolves once the write has committed. */
function startWriter(dir: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", fixture, dir], { stdio: ["ignore", "pipe", "pipe"] });
  children.push(child);
  return new Promise((resolve, reject) => {
    let err = "";
    child.stderr?.on("data", (d) => (err += d));
    child.stdout?.on("data", (d) => String(d).includes("committed") && resolve(child));
    child.on("exit", (code) => reject(new Error(`writer exited with ${code}: ${err}`)));
  });
}

describe("the embedded database directory", () => {
  it("refuses a second process with a clear message naming the holder", async () => {
    const dir = tempDir();
    const writer = await startWriter(dir);
    const attempt = openDatabase({ dataDir: dir });
    await expect(attempt).rejects.toBeInstanceOf(DataDirInUseError);
    await expect(attempt).rejects.toThrow(`database at ${dir} is in use by process ${writer.pid}`);
  }, 60_000);

  it("keeps a write acknowledged before the process was killed with SIGKILL, and takes over the stale lock", async () => {
    const dir = tempDir();
    const writer = await startWriter(dir);
    writer.kill("SIGKILL");
    await new Promise((resolve) => writer.once("exit", resolve));
    const db = await openDatabase({ dataDir: dir });
    try {
      expect(await db.prisma.organization.findUnique({ where: { slug: "survivor" } })).toMatchObject({
        name: "Survivor",
      });
    } finally {
      await db.close();
    }
  }, 60_000);

  it("releases the lock on a clean close", async () => {
    const dir = tempDir();
    const db = await openDatabase({ dataDir: dir });
    expect(existsSync(join(dir, "tessera.lock"))).toBe(true);
    await db.close();
    expect(existsSync(join(dir, "tessera.lock"))).toBe(false);
  }, 60_000);
});
