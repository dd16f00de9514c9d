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
  // Always a production build, even when called from a test run (vitest sets NODE_ENV=test, which
  // would make Vite bundle React's development build and leave it in dist for the next start).
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = "production";
  try {
    await build({ root: webRoot, configFile: join(webRoot, "vite.config.ts"), logLevel: "warn", mode: "production" });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
  writeFileSync(hashFile, `${hash}\n`);
  const { bytes } = initialJsGzipBytes(distDir);
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  console.log(
    `web app built in ${((performance.now() - started) / 1000).toFixed(1)} s; initial JavaScript ${kb(bytes)} gzipped (budget ${kb(initialJsBudgetBytes)}, ${Math.round((bytes / initialJsBudgetBytes) * 100)}%)`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) await buildWeb();
