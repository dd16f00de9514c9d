/**
 * Packages meet through their declared dependencies and entry points, never through relative paths:
 * a relative import that leaves its package (or prisma/, bench/, scripts/) couples the two folders'
 * insides behind the package manager's back. Import circles are refused by Biome (noImportCycles).
 */
import { readFileSync } from "node:fs";
import { dirname, relative, resolve, sep } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const repoRoot = resolve(import.meta.dirname, "..");

/** Each workspace package is a boundary, each other top-level folder is one, and so is the root itself. */
function boundaryOf(file: string): string {
  const [top, next, ...rest] = relative(repoRoot, file).split(sep);
  if (top === "packages" || top === "apps") return `${top}/${next}`;
  return next === undefined && rest.length === 0 ? "(root)" : (top ?? "(root)");
}

function sourceFiles(): string[] {
  return ts.sys.readDirectory(repoRoot, [".ts", ".tsx", ".mts", ".cts"], ["**/node_modules", "**/dist", "**/.data"]);
}

/** Every module a file names: imports and exports (type-only ones too), dynamic imports and requires. */
function specifiersIn(file: string): string[] {
  return ts.preProcessFile(readFileSync(file, "utf8"), true, true).importedFiles.map((imported) => imported.fileName);
}

/** The relative imports among `specifiers` whose target lies in another boundary than `file`. */
function crossingsOf(file: string, specifiers: readonly string[]): string[] {
  return specifiers
    .filter((specifier) => specifier.startsWith("."))
    .filter((specifier) => boundaryOf(resolve(dirname(file), specifier)) !== boundaryOf(file))
    .map((specifier) => `${relative(repoRoot, file)} -> ${specifier}`);
}

/** The files an entry point pulls in through relative imports, and the packages or modules it names. */
function closureOf(entry: string): { files: string[]; external: string[] } {
  const files = new Set<string>();
  const external = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    for (const specifier of specifiersIn(file)) {
      if (specifier.startsWith(".")) visit(resolve(dirname(file), specifier));
      else external.add(specifier);
    }
  };
  visit(entry);
  return { files: [...files], external: [...external] };
}

describe("package boundaries", () => {
  it("no relative import leaves its package, prisma/, bench/ or scripts/", () => {
    const files = sourceFiles();
    expect(files.length).toBeGreaterThan(300);
    expect(files.flatMap((file) => crossingsOf(file, specifiersIn(file)))).toEqual([]);
  });

  it("tells a crossing from an import inside the package or through a declared entry point", () => {
    const at = (path: string) => resolve(repoRoot, path);
    const origins = at("apps/web/src/features/api-keys/origins.ts");
    expect(
      crossingsOf(origins, [
        "../../../../../packages/core/src/api-keys/validation.ts",
        "../../lib/graphql.ts",
        "@tessera/core/validation",
      ]),
    ).toEqual(["apps/web/src/features/api-keys/origins.ts -> ../../../../../packages/core/src/api-keys/validation.ts"]);
    expect(crossingsOf(at("apps/api/src/main.ts"), ["../../../prisma/seed.ts", "./config.ts"])).toHaveLength(1);
    expect(crossingsOf(at("bench/verify.ts"), ["../apps/api/src/log.ts", "./verify-support.ts"])).toHaveLength(1);
    expect(crossingsOf(at("packages/core/src/index.ts"), ["../../schema/src/index.ts"])).toHaveLength(1);
    expect(crossingsOf(at("vitest.config.ts"), ["./packages/db/src/index.ts"])).toHaveLength(1);
  });

  it("the validation rules the console shares with the server pull in nothing server-side", () => {
    const core = JSON.parse(readFileSync(resolve(repoRoot, "packages/core/package.json"), "utf8"));
    const { files, external } = closureOf(resolve(repoRoot, "packages/core", core.exports["./validation"]));
    expect(files.length).toBeGreaterThan(0);
    // Packages that run unchanged in a browser may come along (ipaddr.js parses the IP allowlist the
    // same way on both sides); anything else — Prisma, node: modules, a server library — may not.
    const browserSafe = new Set(["ipaddr.js"]);
    expect(external.filter((name) => !browserSafe.has(name))).toEqual([]);
  });
});
