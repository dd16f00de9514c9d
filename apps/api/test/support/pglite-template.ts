/**
 * Global setup for the PGlite project: migrates one in-memory database per run and keeps a dump of
 * it (PGlite's `dumpDataDir`); each test file then starts its own database from that dump instead of
 * applying every migration again (seconds per file on a 2-core machine).
 */
import { randomBytes } from "node:crypto";
import { rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { applyMigrations, pgliteExtensions } from "@tessera/db";
import type { TestProject } from "vitest/node";

export default async function setup(project: TestProject) {
  const db = await PGlite.create({ extensions: pgliteExtensions });
  await applyMigrations(db);
  const dump = await db.dumpDataDir("none");
  await db.close();
  const file = join(tmpdir(), `tessera-pglite-template-${randomBytes(4).toString("hex")}.tar`);
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  project.provide("pgliteTemplate", file);
  return () => rmSync(file, { force: true });
}

declare module "vitest" {
  export interface ProvidedContext {
    pgliteTemplate: string;
  }
}
