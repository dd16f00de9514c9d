/**
 * `pnpm --filter @tessera/web build`: builds the console into apps/web/dist, prints the initial
 * JavaScript size (gzipped) against its budget, and records the source hash that `ensure-built`
 * compares to decide whether a start needs a rebuild.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { build } from "vite";
import { initialJsBudgetBytes, initialJsGzipBytes } from "./bundle-size.ts";
import { distDir, hashFile, sourceHash, webRoot } from "./source-hash.ts";

export async function buildWeb(): Promise<void> {
  const started = performance.now();
  const hash = sourceHash();
  await build({ root: webRoot, configFile: join(webRoot, "vite.config.ts"), logLevel: "warn" });
  writeFileSync(hashFile, `${hash}\n`);
  const { bytes } = initialJsGzipBytes(distDir);
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  console.log(
    `web app built in ${((performance.now() - started) / 1000).toFixed(1)} s; initial JavaScript ${kb(bytes)} gzipped (budget ${kb(initialJsBudgetBytes)}, ${Math.round((bytes / initialJsBudgetBytes) * 100)}%)`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) await buildWeb();
