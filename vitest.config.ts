import { createRequire } from "node:module";
import { configDefaults, defineConfig } from "vitest/config";

const require = createRequire(import.meta.url);

/**
 * Three projects: pure unit tests once, and the integration suite twice — on the embedded database
 * (PGlite, in memory) and on the PostgreSQL server (TEST_POSTGRES_URL, default the local one).
 * Each integration test file gets a database of its own, so files never share state.
 */
const integration = ["apps/api/test/**/*.test.ts"];
/** Tests that start real processes; they choose their databases themselves, so they run once. */
const processTests = "apps/api/test/process/**";

export default defineConfig({
  // graphql 16 ships CommonJS (main) and ESM (module) builds. Node loads the CommonJS one for the
  // packages it runs itself (Pothos, yoga); Vite would pick the ESM one for our sources. Two copies
  // of graphql cannot share a schema, so point everything at the one Node uses.
  resolve: { alias: [{ find: /^graphql$/, replacement: require.resolve("graphql", { paths: ["packages/schema"] }) }] },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: [
            "packages/*/src/**/*.test.ts",
            "packages/*/test/**/*.test.ts",
            "scripts/**/*.test.ts",
            `${processTests}/*.test.ts`,
          ],
          testTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: "pglite",
          include: integration,
          exclude: [...configDefaults.exclude, processTests],
          env: { TEST_DB: "pglite" },
          globalSetup: ["apps/api/test/support/pglite-template.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        // The web console's components in jsdom (Testing Library).
        extends: true,
        test: {
          name: "web",
          include: ["apps/web/src/**/*.test.{ts,tsx}"],
          environment: "jsdom",
          setupFiles: ["apps/web/test/setup.ts"],
        },
      },
      {
        // The console end to end: the real server as a child process, Debian's chromium.
        extends: true,
        test: {
          name: "e2e",
          include: ["apps/web/e2e/**/*.e2e.test.ts"],
          testTimeout: 90_000,
          hookTimeout: 120_000,
          // As long as a locator waits (support/browser.ts): a page of 100 rows on a loaded machine takes over the 1 s default.
          expect: { poll: { timeout: 15_000 } },
        },
      },
      {
        extends: true,
        test: {
          name: "postgres",
          include: integration,
          exclude: [...configDefaults.exclude, processTests],
          env: { TEST_DB: "postgres" },
          globalSetup: ["apps/api/test/support/postgres-template.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
