import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const repoRoot = resolve(import.meta.dirname, "../../../..");

export type RunningServer = { url: string; stop: () => Promise<void> };

/**
 * The real Tessera server as a child process: a fresh embedded database with the demo data in a temp
 * directory, on a free port (PORT=0; the ready log line names it), bound to 127.0.0.1 only. `env`
 * overrides settings (e.g. `DATABASE_URL` for a PostgreSQL database a test seeds in bulk).
 */
export async function startServer(env: Record<string, string> = {}): Promise<RunningServer> {
  const dataDir = mkdtempSync(join(tmpdir(), "tessera-e2e-"));
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "apps/api/src/main.ts"], {
    cwd: repoRoot,
    env: {
      ...process.env,
      PORT: "0",
      HOST: "127.0.0.1",
      TESSERA_DATA_DIR: dataDir,
      TESSERA_SEED_DEMO: "true",
      // Verifications reach the usage table within a fifth of a second, so the drawer's chart can show
      // the e2e's own verification without a 5 s wait.
      TESSERA_USAGE_FLUSH_MS: "200",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const url = await new Promise<string>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`server did not start in 60 s:\n${output}`)), 60_000);
    child.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const ready = /"graphql":"http:\/\/localhost:(\d+)\/graphql"/.exec(output);
      if (ready) {
        clearTimeout(timer);
        ok(`http://127.0.0.1:${ready[1]}`);
      }
    });
    child.stderr?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on("exit", (code) => fail(new Error(`server exited (${code}):\n${output}`)));
  });
  return {
    url,
    stop: async () => {
      const exited = new Promise((done) => child.once("exit", done));
      child.kill("SIGTERM");
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
