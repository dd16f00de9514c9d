import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { join, relative, resolve } from "node:path";
import { buildSync } from "esbuild";

export const webRoot = resolve(import.meta.dirname, "..");
const repoRoot = resolve(webRoot, "../..");
export const distDir = join(webRoot, "dist");
export const hashFile = join(distDir, ".source-hash");

/** The packages' entry points the console imports from its sources (the server's own rules). */
const packageEntries = ["@tessera/core/validation"];

/**
 * The files behind those entry points: each resolved as the console resolves it (through the package's
 * exports) and followed through its imports, so the hash follows the package, not a path. Bundling for
 * the browser also refuses an entry that reaches node: modules.
 */
function packageFiles(): string[] {
  const require = createRequire(join(webRoot, "package.json"));
  const { metafile } = buildSync({
    entryPoints: packageEntries.map((entry) => require.resolve(entry)),
    absWorkingDir: repoRoot,
    bundle: true,
    write: false,
    metafile: true,
    platform: "browser",
    format: "esm",
    logLevel: "silent",
  });
  return Object.keys(metafile.inputs)
    .sort()
    .map((file) => resolve(repoRoot, file));
}

/** Everything the built app depends on: its sources and config, the schema, and core's shared rules. */
function inputs(): string[] {
  return [
    join(webRoot, "src"),
    join(webRoot, "index.html"),
    join(webRoot, "vite.config.ts"),
    join(webRoot, "package.json"),
    join(repoRoot, "schema.graphql"),
    ...packageFiles(),
    join(repoRoot, "pnpm-lock.yaml"),
  ];
}

function files(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .sort()
    .flatMap((name) => files(join(path, name)));
}

/** A SHA-256 over every input file's path and content: equal hashes mean an up-to-date build. */
export function sourceHash(): string {
  const hash = createHash("sha256");
  for (const file of inputs().flatMap(files)) {
    if (file.endsWith("graphql-env.d.ts")) continue; // generated from schema.graphql, already hashed
    hash.update(relative(repoRoot, file)).update("\0").update(readFileSync(file)).update("\0");
  }
  return hash.digest("hex");
}
