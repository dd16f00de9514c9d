/**
 * Global setup for the PostgreSQL project: migrates one template database per run; each test file
 * then clones it (CREATE DATABASE … TEMPLATE, a file copy: fast) and drops its clone when done.
 */
import { randomBytes } from "node:crypto";
import { openDatabase } from "@tessera/db";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { adminUrl, databaseUrl } from "./postgres-urls.ts";

export default async function setup(project: TestProject) {
  const template = `tessera_tpl_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect().catch((error: Error) => {
    throw new Error(
      `PostgreSQL is not reachable at ${adminUrl()} (${error.message}); start it or set TEST_POSTGRES_URL`,
    );
  });
  await admin.query(`CREATE DATABASE ${template}`);
  const db = await openDatabase({ databaseUrl: databaseUrl(template) });
  await db.migrate();
  await db.close();
  project.provide("postgresTemplate", template);
  return async () => {
    await admin.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
    await admin.end();
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    postgresTemplate: string;
  }
}
