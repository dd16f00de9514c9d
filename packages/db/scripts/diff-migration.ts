/**
 * Writes a new migration folder for the difference between the committed migrations and
 * prisma/schema.prisma, using Prisma's schema engine compiled to WebAssembly (the native engine
 * download is unreachable on our machines). Usage: pnpm db:diff <name>
 * With `--check`, writes nothing and exits 1 when the schema and the migrations differ.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { migrationsDir } from "../src/migrations.ts";
import { schemaDrift } from "../src/schema-drift.ts";

const args = process.argv.slice(2);
const check = args.includes("--check");
const name = args.find((a) => !a.startsWith("--"));

const sql = await schemaDrift();
if (!sql.trim() || sql.includes("-- This is an empty migration.")) {
  console.log("prisma/schema.prisma and prisma/migrations agree: nothing to write.");
  process.exit(0);
}
if (check) {
  console.error(`prisma/schema.prisma differs from prisma/migrations:\n${sql}`);
  process.exit(1);
}
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("usage: pnpm db:diff <snake_case_name>");
  process.exit(2);
}
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const dir = join(migrationsDir, `${stamp}_${name}`);
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, "migration.sql"), sql);
console.log(`wrote ${dir}/migration.sql`);
