import { existsSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DataDirInUseError, lockDataDir } from "./data-dir-lock.ts";

const dirs: string[] = [];
const freshDir = () => {
  const dir = mkdtempSync(join(tmpdir(), "tessera-lock-"));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
/** A pid no process has: above the kernel's pid_max. */
const deadPid = 2 ** 22 + 1;

describe("the data-directory lock", () => {
  it("takes over a lock whose holder died, by renaming its own over it", () => {
    const dir = freshDir();
    writeFileSync(join(dir, "tessera.lock"), String(deadPid));
    const release = lockDataDir(dir);
    expect(readFileSync(join(dir, "tessera.lock"), "utf8")).toBe(String(process.pid));
    expect(existsSync(join(dir, "tessera.lock.takeover"))).toBe(false);
    release();
    expect(existsSync(join(dir, "tessera.lock"))).toBe(false);
  });

  it("does not take over while another process is taking over, and clears a guard abandoned by a crash", () => {
    const dir = freshDir();
    writeFileSync(join(dir, "tessera.lock"), String(deadPid));
    writeFileSync(join(dir, "tessera.lock.takeover"), "");
    expect(() => lockDataDir(dir)).toThrow(/another process is taking it over/);
    expect(readFileSync(join(dir, "tessera.lock"), "utf8")).toBe(String(deadPid));

    const longAgo = new Date(Date.now() - 60_000);
    utimesSync(join(dir, "tessera.lock.takeover"), longAgo, longAgo);
    lockDataDir(dir)();
  });

  it("refuses a directory held by a running process", () => {
    const dir = freshDir();
    writeFileSync(join(dir, "tessera.lock"), String(process.ppid));
    expect(() => lockDataDir(dir)).toThrow(DataDirInUseError);
  });
});
