import { type ServerProcess, spawnServer } from "./server-process.ts";

export type Instance = ServerProcess & { base: string };

/** Starts `pnpm start` as a real process on `databaseUrl` and waits until it serves and listens. */
export async function startInstance(databaseUrl: string, env: Record<string, string> = {}): Promise<Instance> {
  const instance: Instance = { ...spawnServer({ DATABASE_URL: databaseUrl, ...env }), base: "" };
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
