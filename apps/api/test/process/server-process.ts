import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";

const main = join(import.meta.dirname, "../../src/main.ts");

/** A real `pnpm start` process: its JSON log lines as they arrive, and its exit code once it ends. */
export type ServerProcess = {
  child: ChildProcess;
  lines: Record<string, any>[];
  exited: Promise<number | null>;
};

/** Starts the server as `pnpm start` does, on any free port of 127.0.0.1, with `env` over this process's. */
export function spawnServer(env: Record<string, string>): ServerProcess {
  const child = spawn(process.execPath, ["--import", "tsx", main], {
    env: { ...process.env, PORT: "0", HOST: "127.0.0.1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: Record<string, any>[] = [];
  let buffer = "";
  child.stdout?.on("data", (chunk) => {
    buffer += chunk;
    const parts = buffer.split("\n");
    buffer = parts.pop() ?? "";
    for (const part of parts) if (part.startsWith("{")) lines.push(JSON.parse(part));
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, lines, exited };
}
