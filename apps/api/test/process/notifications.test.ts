import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { type SmtpPeer, startSmtpPeer } from "../support/smtp-peer.ts";

// The scheduler as `pnpm start` runs it: real timers, real SMTP, the demo data's expiring keys.
const main = join(import.meta.dirname, "../../src/main.ts");
const dataDir = mkdtempSync(join(tmpdir(), "tessera-notify-"));
let smtp: SmtpPeer | undefined;
afterAll(async () => {
  await smtp?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function until(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("the scheduler inside the server", () => {
  it("mails the demo's expiring and expired keys shortly after start, once, and stops cleanly", async () => {
    smtp = await startSmtpPeer();
    const peer = smtp;
    const child = spawn(process.execPath, ["--import", "tsx", main], {
      env: {
        ...process.env,
        PORT: "0",
        HOST: "127.0.0.1",
        TESSERA_DATA_DIR: dataDir,
        DATABASE_URL: "",
        SMTP_URL: peer.url,
        MAIL_FROM: "Tessera <tessera@example.test>",
        TESSERA_PUBLIC_URL: "https://tessera.example.test",
        TESSERA_SCHEDULER_INTERVAL: "1",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const lines: Record<string, unknown>[] = [];
    let buffer = "";
    child.stdout?.on("data", (chunk) => {
      buffer += chunk;
      const parts = buffer.split("\n");
      buffer = parts.pop() ?? "";
      for (const part of parts) if (part.startsWith("{")) lines.push(JSON.parse(part));
    });
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    try {
      const expected = ["owner@acme.test", "admin@acme.test"].flatMap((to) => [
        `${to} [Acme Fleet] API key "Route planner integration" expires in 20 days`,
        `${to} [Acme Fleet] API key "Legacy telematics" has expired`,
      ]);
      const received = () => peer.received.map((m) => `${m.envelopeTo.join()} ${m.mail.subject}`);
      await until(() => expected.every((e) => received().includes(e)), 60_000, "the demo's expiry emails");
      // A few more passes run (every second): none sends anything twice.
      await new Promise((resolve) => setTimeout(resolve, 2500));
      expect(new Set(received()).size).toBe(received().length);
      expect(lines.some((l) => l.msg === "email delivery is off")).toBe(false);
    } finally {
      child.kill("SIGTERM");
    }
    expect(await exited).toBe(0);
    expect(lines.at(-1)?.msg).toBe("stopped");
  }, 120_000);
});
