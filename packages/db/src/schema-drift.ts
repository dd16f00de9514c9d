import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { PGlite } from "@electric-sql/pglite";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { pgliteExtensions } from "./client.ts";
import { listMigrations, migrationsDir, schemaPath } from "./migrations.ts";

type Engine = {
  diff(params: unknown): Promise<{ exitCode: number; stdout: string | null }>;
  free(): void;
};

/**
 * The SQL that would bring a database migrated with the committed migrations to what
 * prisma/schema.prisma describes; empty (or Prisma's "empty migration" comment) when they agree.
 * Runs Prisma's schema engine as WebAssembly against a throw-away in-memory PGlite shadow database.
 */
export async function schemaDrift(): Promise<string> {
  const require = createRequire(import.meta.url);
  const bg = await import("@prisma/schema-engine-wasm/schema_engine_bg");
  const wasmPath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg").replace(/\.js$/, ".wasm");
  const { instance } = await WebAssembly.instantiate(readFileSync(wasmPath), {
    "./schema_engine_bg.js": bg as unknown as WebAssembly.ModuleImports,
  });
  bg.__wbg_set_wasm(instance.exports);
  (instance.exports as { __wbindgen_start?: () => void }).__wbindgen_start?.();

  const shadow = new PGlite({ extensions: pgliteExtensions });
  const factory = new PrismaPGlite(shadow);
  // The adapter's own shadow database is a bare PGlite; the migrations need our extensions loaded.
  factory.connectToShadowDb = () => new PrismaPGlite(new PGlite({ extensions: pgliteExtensions })).connect();
  const datamodel = readFileSync(schemaPath, "utf8");
  const engine = (await bg.SchemaEngine.new(
    { datamodels: [[schemaPath, datamodel]] },
    () => {},
    bindMigrationAwareSqlAdapterFactory(factory),
  )) as unknown as Engine;
  try {
    const migrations = listMigrations();
    const result = await engine.diff({
      from: {
        tag: "migrations",
        baseDir: migrationsDir,
        lockfile: { path: "migration_lock.toml", content: 'provider = "postgresql"\n' },
        migrationDirectories: migrations.map((m) => ({
          path: m.name,
          migrationFile: { path: "migration.sql", content: { tag: "ok", value: m.sql } },
        })),
        shadowDbInitScript: "",
      },
      to: { tag: "schemaDatamodel", files: [{ path: schemaPath, content: datamodel }] },
      script: true,
      exitCode: null,
      filters: { externalTables: [], externalEnums: [] },
    });
    return result.stdout ?? "";
  } finally {
    engine.free();
    await shadow.close();
  }
}
