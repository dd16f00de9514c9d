import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

type Manifest = Record<string, { file: string; isEntry?: boolean; imports?: string[] }>;

/** The budget from the issue: JavaScript loaded before the first screen, gzipped. */
export const initialJsBudgetBytes = 300 * 1024;

/**
 * Gzipped bytes of the JavaScript a first visit loads: the entry chunk and every chunk it imports
 * statically (lazy screens and dialogs are dynamic imports and not counted).
 */
export function initialJsGzipBytes(distDir: string): { bytes: number; files: string[] } {
  const manifest = JSON.parse(readFileSync(join(distDir, ".vite/manifest.json"), "utf8")) as Manifest;
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    for (const next of manifest[key]?.imports ?? []) visit(next);
  };
  for (const [key, chunk] of Object.entries(manifest)) if (chunk.isEntry) visit(key);
  const files = [...seen].map((key) => manifest[key]!.file).filter((f) => f.endsWith(".js"));
  const bytes = files.reduce((sum, file) => sum + gzipSync(readFileSync(join(distDir, file))).length, 0);
  return { bytes, files };
}
