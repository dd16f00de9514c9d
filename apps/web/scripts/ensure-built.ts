/**
 * Runs before `pnpm start`: builds the web app when dist/ is missing or was built from other sources
 * (a hash of apps/web's sources and schema.graphql is written into dist/ by each build).
 */
import { existsSync, readFileSync } from "node:fs";
import { hashFile, sourceHash } from "./source-hash.ts";

const built = existsSync(hashFile) ? readFileSync(hashFile, "utf8").trim() : "";
if (built === sourceHash()) {
  console.log("web app is up to date");
} else {
  console.log(built ? "web app sources changed: rebuilding" : "web app not built yet: building");
  // Vite is loaded only when a build is due, so an up-to-date start costs a hash, not a bundler.
  const { buildWeb } = await import("./build.ts");
  await buildWeb();
}
