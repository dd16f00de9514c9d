import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { type AddressInfo, createServer as createNetServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const repoRoot = resolve(import.meta.dirname, "../../../..");

export type RunningServer = {
  url: string;
  /** Everything the server printed so far (its JSON log lines). */
  output: () => string;
  stop: () => Promise<void>;
};

export type ServerOptions = {
  /** Load the demo data (default true); false starts from an empty database, as a new operator does. */
  demo?: boolean;
  /** A fixed port (default: a free one chosen by the server). */
  port?: number;
  /** More settings, e.g. SMTP_URL and TESSERA_PUBLIC_URL. */
  env?: Record<string, string>;
};

/**
 * The real Tessera server as a child process: a fresh embedded database (with the demo data unless
 * `demo: false`) in a temp directory, on a free port (PORT=0; the ready log line names it) unless
 * one is given, bound to 127.0.0.1 only.
 */
export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const dataDir = mkdtempSync(join(tmpdir(), "tessera-e2e-"));
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "apps/api/src/main.ts"], {
    cwd: repoRoot,
    env: {
      ...process.env,
      PORT: String(options.port ?? 0),
      HOST: "127.0.0.1",
      TESSERA_DATA_DIR: dataDir,
      TESSERA_SEED_DEMO: String(options.demo ?? true),
      // Verifications reach the usage table within a fifth of a second, so the drawer's chart can show
      // the e2e's own verification without a 5 s wait.
      TESSERA_USAGE_FLUSH_MS: "200",
      ...options.env,
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
    output: () => output,
    stop: async () => {
      const exited = new Promise((done) => child.once("exit", done));
      child.kill("SIGTERM");
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A port nobody listens on right now, for a server that must know its own address before it starts. */
export async function freePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  const { port } = server.address() as AddressInfo;
  await new Promise((done) => server.close(done));
  return port;
}
