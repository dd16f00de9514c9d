import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";

const main = join(import.meta.dirname, "../../src/main.ts");

export type Instance = {
  child: ChildProcess;
  lines: Record<string, any>[];
  exited: Promise<number | null>;
  base: string;
};

/** Starts `pnpm start` as a real process on `databaseUrl` and waits until it serves and listens. */
export async function startInstance(databaseUrl: string, env: Record<string, string> = {}): Promise<Instance> {
  const child = spawn(process.execPath, ["--import", "tsx", main], {
    env: { ...process.env, PORT: "0", HOST: "127.0.0.1", DATABASE_URL: databaseUrl, ...env },
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
  const instance = { child, lines, exited, base: "" };
  const ready = await waitForLine(instance, "Tessera is ready");
  instance.base = String(ready.graphql).replace("/graphql", "").replace("localhost", "127.0.0.1");
  await waitForLine(instance, "listening for verification changes");
  return instance;
}

export async function waitForLine(
  instance: Pick<Instance, "lines" | "child">,
  msg: string,
  count = 1,
  timeoutMs = 60_000,
): Promise<Record<string, any>> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const found = instance.lines.filter((l) => l.msg === msg);
    if (found.length >= count) return found[count - 1] as Record<string, any>;
    if (instance.child.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`no "${msg}" log line (#${count}); got ${JSON.stringify(instance.lines.slice(-5))}`);
}

export async function verifyAt(instance: Instance, input: Record<string, unknown>): Promise<{ code: string }> {
  const response = await fetch(`${instance.base}/v1/keys/verify`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(input),
  });
  return (await response.json()) as { code: string };
}

export async function gqlAt(instance: Instance, secret: string, query: string, variables = {}): Promise<any> {
  const response = await fetch(`${instance.base}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${secret}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: any; errors?: unknown };
  if (!body.data) throw new Error(JSON.stringify(body.errors));
  return body.data;
}
