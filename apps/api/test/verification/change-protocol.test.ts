import { onVerificationChange, runChange, type VerificationChange, verificationChannel } from "@tessera/core";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createKey } from "../api-keys/support.ts";
import { useHarness } from "../support/harness.ts";
import { databaseUrl } from "../support/postgres-urls.ts";
import { verifyOverGraphQL } from "./support.ts";

const h = useHarness();
const onPostgres = process.env.TEST_DB === "postgres";

/** What this process's caches were told (every Verification on the client hears the same). */
const applied: VerificationChange[] = [];
/** What other instances would hear: the NOTIFY payloads on the channel (PostgreSQL only). */
const announced: string[] = [];
let listener: pg.Client | null = null;
let stopApplied: () => void = () => {};

beforeAll(async () => {
  stopApplied = onVerificationChange(h.db.prisma, (change) => applied.push(change));
  if (onPostgres) {
    listener = new pg.Client({ connectionString: databaseUrl(h.db.name) });
    await listener.connect();
    listener.on("notification", (n) => announced.push(n.payload ?? ""));
    await listener.query(`LISTEN ${verificationChannel}`);
  }
});
afterAll(async () => {
  stopApplied();
  await listener?.end();
});

/** Waits until the listener has heard `payload` (NOTIFYs arrive in commit order). */
async function heard(payload: string): Promise<void> {
  for (let i = 0; i < 200 && !announced.includes(payload); i++) await new Promise((r) => setTimeout(r, 10));
  expect(announced).toContain(payload);
}

describe("runChange: a change and its cache invalidation go together or not at all", () => {
  it("a change that throws inside its transaction rolls back, announces nothing and drops nothing", async () => {
    const org = await h.newOrganization();
    const key = await createKey(org, { name: "stays-valid" });
    const verify = () => verifyOverGraphQL(h.app, { key: key.secret }).then((a) => a.code);
    expect(await verify()).toBe("VALID");
    const misses = h.app.verification.gate.stats.misses;
    applied.length = 0;
    announced.length = 0;

    const failed = runChange(h.db, async (tx, changed) => {
      await tx.apiKey.update({ where: { id: key.id }, data: { revokedAt: new Date() } });
      changed({ kind: "key", id: key.id });
      changed({ kind: "resources" });
      throw new Error("the change failed half way");
    });
    await expect(failed).rejects.toThrow("the change failed half way");

    expect(applied).toEqual([]);
    // The revocation rolled back and the cached entry was kept: still VALID, without a database read.
    expect(await verify()).toBe("VALID");
    expect(h.app.verification.gate.stats.misses).toBe(misses);
    expect((await h.db.prisma.apiKey.findUniqueOrThrow({ where: { id: key.id } })).revokedAt).toBeNull();

    if (onPostgres) {
      // A change that commits afterwards is heard; had the failed one been announced, it would come first.
      await runChange(h.db, async (_tx, changed) => changed({ kind: "account", id: "marker" }));
      await heard("account:marker");
      expect(announced).toEqual(["account:marker"]);
    }
  });

  it("a change that commits is announced and dropped once per change named, after the commit", async () => {
    const org = await h.newOrganization();
    const key = await createKey(org, { name: "revoked-by-hand" });
    const verify = () => verifyOverGraphQL(h.app, { key: key.secret }).then((a) => a.code);
    expect(await verify()).toBe("VALID");
    applied.length = 0;
    announced.length = 0;

    const result = await runChange(h.db, async (tx, changed) => {
      await tx.apiKey.update({ where: { id: key.id }, data: { revokedAt: new Date() } });
      changed({ kind: "key", id: key.id });
      changed({ kind: "key", id: key.id });
      // Nothing is dropped before the commit: a verification now would cache the old row again.
      expect(applied).toEqual([]);
      return "done";
    });

    expect(result).toBe("done");
    expect(applied).toEqual([{ kind: "key", id: key.id }]);
    expect(await verify()).toBe("REVOKED");
    if (onPostgres) {
      await heard(`key:${key.id}`);
      expect(announced).toEqual([`key:${key.id}`]);
    }
  });
});
