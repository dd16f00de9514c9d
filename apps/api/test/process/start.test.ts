import type { ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { type ServerProcess, spawnServer } from "./server-process.ts";

// `pnpm start` as a newcomer runs it: a real process on the embedded database, with demo data.
const dataDir = mkdtempSync(join(tmpdir(), "tessera-start-"));
const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) child.kill("SIGKILL");
  rmSync(dataDir, { recursive: true, force: true });
});

type Started = ServerProcess;

function start(env: Record<string, string> = {}): Started {
  const started = spawnServer({ TESSERA_DATA_DIR: dataDir, DATABASE_URL: "", SMTP_URL: "", ...env });
  children.push(started.child);
  return started;
}

async function waitFor(started: Started, msg: string, timeoutMs = 60_000): Promise<Record<string, any>> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const line = started.lines.find((l) => l.msg === msg);
    if (line) return line;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no "${msg}" log line; got ${JSON.stringify(started.lines)}`);
}

describe("pnpm start on the embedded database", () => {
  it("migrates, loads the demo data, serves GraphQL, refuses a second instance, and stops cleanly", async () => {
    const first = start();
    const ready = await waitFor(first, "Tessera is ready");
    expect(first.lines.find((l) => l.msg === "demo data loaded")).toBeTruthy();
    // No SMTP_URL: said once, clearly, at start.
    expect(await waitFor(first, "email delivery is off")).toMatchObject({
      level: "warn",
      reason: "SMTP_URL is not set",
    });
    const url = ready.graphql as string;

    const signIn = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        query: `mutation { signIn(input: { email: "owner@acme.test", password: "tessera-demo" }) { __typename } }`,
      }),
    });
    expect(await signIn.json()).toEqual({ data: { signIn: { __typename: "SignInPayload" } } });
    const cookie = (signIn.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    const orgs = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", cookie },
      body: JSON.stringify({ query: "{ viewer { organizations { slug viewerRole } } }" }),
    });
    expect((await orgs.json()).data.viewer.organizations).toEqual([{ slug: "acme-fleet", viewerRole: "OWNER" }]);

    const second = start();
    expect(await second.exited).toBe(1);
    expect(second.lines.find((l) => l.level === "error")?.msg).toBe(
      `database at ${dataDir} is in use by process ${first.child.pid}; stop it or set TESSERA_DATA_DIR to another directory`,
    );

    first.child.kill("SIGTERM");
    expect(await first.exited).toBe(0);
    expect(first.lines.at(-1)?.msg).toBe("stopped");
    expect(first.lines.filter((l) => l.msg === "email delivery is off")).toHaveLength(1);
    expect(existsSync(join(dataDir, "tessera.lock"))).toBe(false);

    const again = start();
    await waitFor(again, "Tessera is ready");
    expect(again.lines.find((l) => l.msg === "migrations applied")?.count).toBe(0);
    expect(again.lines.find((l) => l.msg === "demo data loaded")).toBeUndefined();
    again.child.kill("SIGINT");
    expect(await again.exited).toBe(0);
  }, 120_000);

  it("rejects a bad setting with a clear message and exit code 2", async () => {
    const bad = start({ PORT: "eighty" });
    expect(await bad.exited).toBe(2);
    expect(bad.lines[0]).toMatchObject({
      level: "error",
      problem: 'PORT must be a port number (0-65535), got "eighty"',
    });
  }, 30_000);
});
