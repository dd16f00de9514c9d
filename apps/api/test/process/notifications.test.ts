import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { type SmtpPeer, startSmtpPeer } from "../support/smtp-peer.ts";
import { spawnServer } from "./server-process.ts";

// The scheduler as `pnpm start` runs it: real timers, real SMTP, the demo data's expiring keys.
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
    const { child, lines, exited } = spawnServer({
      TESSERA_DATA_DIR: dataDir,
      DATABASE_URL: "",
      SMTP_URL: peer.url,
      MAIL_FROM: "Tessera <tessera@example.test>",
      TESSERA_PUBLIC_URL: "https://tessera.example.test",
      TESSERA_SCHEDULER_INTERVAL: "1",
    });
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
