import { randomBytes } from "node:crypto";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { managementScopes } from "@tessera/core";
import { applyMigrations, listMigrations } from "@tessera/db";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { adminUrl, databaseUrl } from "./support/postgres-urls.ts";

const migrationName = "20261201103310_scope_kind_data_management";

type Raw = {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: T[] }>;
  exec(sql: string): Promise<unknown>;
  close(): Promise<void>;
};

/** An empty database, with no migration applied: an in-memory PGlite, or a new PostgreSQL database. */
async function emptyDatabase(): Promise<Raw> {
  if (process.env.TEST_DB !== "postgres") {
    const db = await PGlite.create({ extensions: { pg_trgm } });
    return { query: (sql, params) => db.query(sql, params), exec: (sql) => db.exec(sql), close: () => db.close() };
  }
  const name = `tessera_m_${randomBytes(5).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const client = new pg.Client({ connectionString: databaseUrl(name) });
  await client.connect();
  return {
    query: async (sql, params) => ({ rows: (await client.query(sql, params)).rows }),
    exec: (sql) => client.query(sql),
    async close() {
      await client.end();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

const opened: Raw[] = [];
afterAll(async () => {
  for (const db of opened) await db.close();
});

describe("the scope-kind migration (management is never implied)", () => {
  it("renames DOMAIN to DATA, audits every all-scopes key, strips write management scopes from VIEWER keys only", async () => {
    const db = await emptyDatabase();
    opened.push(db);
    const all = listMigrations();
    const before = all.filter((m) => m.name < migrationName);
    expect(before.length).toBe(all.findIndex((m) => m.name === migrationName));
    await applyMigrations(db, before);

    // The world as it was: one organization, its catalogue, and keys written the old way.
    const [{ id: org } = { id: "" }] = (
      await db.query<{ id: string }>(
        `INSERT INTO "Organization" (id, slug, name, "updatedAt") VALUES (gen_random_uuid(), 'm', 'M', now()) RETURNING id`,
      )
    ).rows;
    await db.query(
      `INSERT INTO "Scope" (id, "organizationId", name, description, kind)
       SELECT gen_random_uuid(), $1, n, n, 'DOMAIN' FROM unnest(ARRAY['vehicles:read', 'routes:write']) n`,
      [org],
    );
    await db.query(
      `INSERT INTO "Scope" (id, "organizationId", name, description, kind)
       SELECT gen_random_uuid(), $1, n, n, 'MANAGEMENT' FROM unnest($2::text[]) n`,
      [org, managementScopes.map((s) => s.name)],
    );
    const [{ id: version } = { id: "" }] = (
      await db.query<{ id: string }>(
        `INSERT INTO "ApiVersion" (id, "organizationId", name) VALUES (gen_random_uuid(), $1, 'v1') RETURNING id`,
        [org],
      )
    ).rows;
    const key = async (name: string, role: "EDITOR" | "VIEWER", scopes: string[] | null, revoked = false) => {
      const { rows } = await db.query<{ id: string }>(
        `INSERT INTO "ApiKey" (id, "organizationId", name, "hashedKey", hint, role, "apiVersionId", "allScopes", "expiresAt", "updatedAt", "revokedAt")
         VALUES (gen_random_uuid(), $1, $2, $3, 'tsr_x', $4, $5, $6, now() + interval '30 days', now(), $7) RETURNING id`,
        [org, name, randomBytes(16).toString("hex"), role, version, scopes === null, revoked ? new Date() : null],
      );
      const id = rows[0]?.id ?? "";
      if (scopes?.length) {
        await db.query(
          `INSERT INTO "ApiKeyScope" ("apiKeyId", "scopeId") SELECT $1, id FROM "Scope" WHERE "organizationId" = $2 AND name = ANY($3::text[])`,
          [id, org, scopes],
        );
      }
      return id;
    };
    const dashboard = await key("dashboard", "VIEWER", null);
    const partner = await key("partner", "EDITOR", null);
    const oldRevoked = await key("old", "EDITOR", null, true);
    const viewerWriter = await key("viewer writer", "VIEWER", [
      "vehicles:read",
      "keys:read",
      "keys:write",
      "accounts:write",
    ]);
    const editorWriter = await key("editor writer", "EDITOR", ["keys:write", "routes:write"]);
    const viewerReader = await key("viewer reader", "VIEWER", ["keys:read", "vehicles:read"]);

    expect(await applyMigrations(db)).toContain(migrationName);

    const kinds = await db.query<{ name: string; kind: string }>(
      `SELECT name, kind::text AS kind FROM "Scope" WHERE "organizationId" = $1 AND name IN ('vehicles:read', 'keys:read') ORDER BY name`,
      [org],
    );
    expect(kinds.rows).toEqual([
      { name: "keys:read", kind: "MANAGEMENT" },
      { name: "vehicles:read", kind: "DATA" },
    ]);
    const { rows: defaults } = await db.query<{ d: string }>(
      `SELECT column_default AS d FROM information_schema.columns WHERE table_name = 'Scope' AND column_name = 'kind'`,
    );
    expect(defaults[0]?.d).toContain("DATA");

    const held = async (id: string) =>
      (
        await db.query<{ name: string }>(
          `SELECT s.name FROM "ApiKeyScope" ks JOIN "Scope" s ON s.id = ks."scopeId" WHERE ks."apiKeyId" = $1 ORDER BY s.name`,
          [id],
        )
      ).rows.map((r) => r.name);
    // Write management scopes leave VIEWER keys; everything else explicitly granted stays.
    expect(await held(viewerWriter)).toEqual(["keys:read", "vehicles:read"]);
    expect(await held(editorWriter)).toEqual(["keys:write", "routes:write"]);
    expect(await held(viewerReader)).toEqual(["keys:read", "vehicles:read"]);

    const { rows: events } = await db.query<{
      targetId: string;
      actorLabel: string;
      actorUserId: string | null;
      changes: { managementScopes: { from: string[]; to: string[] } };
    }>(
      `SELECT "targetId", "actorLabel", "actorUserId", changes FROM "AuditEvent"
       WHERE "organizationId" = $1 AND action = 'api_key.management_scopes_removed'`,
      [org],
    );
    const byKey = new Map(events.map((e) => [e.targetId, e]));
    // One event per key whose meaning changed, by Tessera itself; none for keys that did not change.
    expect(events.length).toBe(4);
    expect([...byKey.keys()].sort()).toEqual([dashboard, partner, oldRevoked, viewerWriter].sort());
    for (const event of events)
      expect({ actor: event.actorLabel, user: event.actorUserId }).toEqual({ actor: "system", user: null });
    expect(byKey.get(dashboard)?.changes.managementScopes).toEqual({
      from: managementScopes.map((s) => s.name).sort(),
      to: [],
    });
    expect(byKey.get(viewerWriter)?.changes.managementScopes).toEqual({
      from: ["accounts:write", "keys:read", "keys:write"],
      to: ["keys:read"],
    });
  });
});
