import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";

export const webRoot = resolve(import.meta.dirname, "..");
const repoRoot = resolve(webRoot, "../..");
export const distDir = join(webRoot, "dist");
export const hashFile = join(distDir, ".source-hash");

/** Everything the built app depends on: its sources and config, the schema, and core's shared rules. */
const inputs = [
  join(webRoot, "src"),
  join(webRoot, "index.html"),
  join(webRoot, "vite.config.ts"),
  join(webRoot, "package.json"),
  join(repoRoot, "schema.graphql"),
  join(repoRoot, "packages/core/src/api-keys/validation.ts"),
  join(repoRoot, "pnpm-lock.yaml"),
];

function files(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .sort()
    .flatMap((name) => files(join(path, name)));
}

/** A SHA-256 over every input file's path and content: equal hashes mean an up-to-date build. */
export function sourceHash(): string {
  const hash = createHash("sha256");
  for (const file of inputs.flatMap(files)) {
    if (file.endsWith("graphql-env.d.ts")) continue; // generated from schema.graphql, already hashed
    hash.update(relative(repoRoot, file)).update("\0").update(readFileSync(file)).update("\0");
  }
  return hash.digest("hex");
}
