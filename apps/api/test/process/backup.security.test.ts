import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDatabase, type PrismaClient } from "@tessera/db";
import { seedDemoData } from "@tessera/demo-data";
import { afterAll, describe, expect, it } from "vitest";

// `pnpm db:backup` / `pnpm db:restore` as an operator runs them: the real script, in its own process.
const script = join(import.meta.dirname, "../../../../packages/db/scripts/data-dir-backup.ts");
const holder = join(import.meta.dirname, "../../../../packages/db/test/fixtures/write-then-wait.ts");
const work = mkdtempSync(join(tmpdir(), "tessera-backup-"));
const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) child.kill("SIGKILL");
  rmSync(work, { recursive: true, force: true });
});

function run(mode: "backup" | "restore", file: string, dataDir: string) {
  const child = spawn(process.execPath, ["--import", "tsx", script, mode, file], {
    env: { ...process.env, TESSERA_DATA_DIR: dataDir, DATABASE_URL: "", INIT_CWD: work },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let out = "";
  child.stdout?.on("data", (d) => (out += d));
  child.stderr?.on("data", (d) => (out += d));
  return new Promise<{ code: number | null; out: string }>((resolve) =>
    child.on("exit", (code) => resolve({ code, out })),
  );
}

/** Every id of everything a restore must bring back. */
async function inventory(prisma: PrismaClient) {
  const ids = async (rows: Promise<{ id: string }[]>) => (await rows).map((r) => r.id).sort();
  return {
    users: await ids(prisma.user.findMany({ select: { id: true } })),
    apiKeys: await ids(prisma.apiKey.findMany({ select: { id: true } })),
    customerAccounts: await ids(prisma.customerAccount.findMany({ select: { id: true } })),
    auditEvents: await ids(prisma.auditEvent.findMany({ select: { id: true } })),
    keyHashes: (await prisma.apiKey.findMany({ select: { hashedKey: true } })).map((k) => k.hashedKey).sort(),
  };
}

describe("db:backup and db:restore (embedded database)", () => {
  const source = join(work, "source");
  const backup = join(work, "tessera.backup.tar.gz");
  let original: Awaited<ReturnType<typeof inventory>>;

  it("backs up a database and restores it into a fresh directory with every key, account and audit event", async () => {
    const db = await openDatabase({ dataDir: source });
    await db.migrate();
    await seedDemoData(db.prisma);
    original = await inventory(db.prisma);
    await db.close();
    expect(original.apiKeys.length).toBeGreaterThan(0);
    expect(original.customerAccounts.length).toBeGreaterThan(0);
    expect(original.auditEvents.length).toBeGreaterThan(0);

    const backedUp = await run("backup", "tessera.backup.tar.gz", source);
    expect(backedUp.out).toContain(`backed up ${source} to ${backup}`);
    expect(backedUp.code).toBe(0);

    const target = join(work, "restored");
    const restored = await run("restore", backup, target);
    expect(restored.out).toContain(`restored ${backup} into ${target}`);
    expect(restored.code).toBe(0);
    const copy = await openDatabase({ dataDir: target });
    try {
      expect(await copy.migrate()).toEqual([]); // the migration history came along
      expect(await inventory(copy.prisma)).toEqual(original);
    } finally {
      await copy.close();
    }
  }, 120_000);

  it("refuses to restore over an existing database, and to back up while a server holds the directory", async () => {
    const overwrite = await run("restore", backup, source);
    expect(overwrite.code).toBe(1);
    expect(overwrite.out).toContain(`cannot restore: ${source} already holds a database; move it away`);

    const server = spawn(process.execPath, ["--import", "tsx", holder, source, "held"], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    children.push(server);
    await new Promise<void>((resolve) =>
      server.stdout?.on("data", (d) => String(d).includes("committed") && resolve()),
    );
    const whileRunning = await run("backup", join(work, "torn.tar.gz"), source);
    expect(whileRunning.code).toBe(1);
    expect(whileRunning.out).toContain(
      `cannot backup while the server runs: database at ${source} is in use by process ${server.pid}`,
    );
    expect(existsSync(join(work, "torn.tar.gz"))).toBe(false);
    server.kill("SIGTERM");
    await new Promise((resolve) => server.once("exit", resolve));
  }, 120_000);
});
