import { existsSync, readFileSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect } from "vitest";
import { buildWeb } from "../../scripts/build.ts";
import { distDir, hashFile, sourceHash } from "../../scripts/source-hash.ts";
import { isolatedContext, launchChromium } from "./browser.ts";
import { type RunningServer, type ServerOptions, startServer } from "./server.ts";

/** Builds the console when dist/ is missing or was built from other sources, as `pnpm start` does. */
export async function ensureWebBuilt(): Promise<void> {
  const fresh = existsSync(distDir) && existsSync(hashFile) && readFileSync(hashFile, "utf8").trim() === sourceHash();
  if (!fresh) await buildWeb();
}

/** The console built, then the real server and Debian's chromium started side by side. */
export async function startConsole(options?: ServerOptions): Promise<{ server: RunningServer; browser: Browser }> {
  await ensureWebBuilt();
  const [server, browser] = await Promise.all([startServer(options), launchChromium()]);
  return { server, browser };
}

/** A started console, for the tests of one file. */
export type TestConsole = {
  readonly server: RunningServer;
  readonly browser: Browser;
  /** A fresh browser profile that reaches only this console (one per person). */
  newContext: () => ReturnType<typeof isolatedContext>;
  /** `POST /v1/keys/verify` on this console, from the test process. */
  verify: (body: Record<string, unknown>) => ReturnType<typeof verifyKey>;
};

/**
 * The console for a test file: started before its tests (after a build when due), stopped after them.
 * Hooks the file registers later run after the start, so they may use it.
 */
export function setUpConsole(options?: ServerOptions): TestConsole {
  let started: { server: RunningServer; browser: Browser } | undefined;
  const running = () => {
    if (!started) throw new Error("the console is not started: use it inside a test or a hook");
    return started;
  };
  beforeAll(async () => {
    started = await startConsole(options);
  }, 180_000);
  afterAll(async () => {
    await started?.browser.close();
    await started?.server.stop();
  });
  return {
    get server() {
      return running().server;
    },
    get browser() {
      return running().browser;
    },
    newContext: () => isolatedContext(running().browser, running().server.url),
    verify: (body) => verifyKey(running().server, body),
  };
}

/**
 * `POST /v1/keys/verify` from the test process, as the partner's backend would call it. Every answer,
 * refusals included, is a 200 with a JSON body.
 */
export async function verifyKey(server: RunningServer, body: Record<string, unknown>) {
  const response = await fetch(`${server.url}/v1/keys/verify`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as { valid: boolean; code: string } & Record<string, unknown>;
}

/** GraphQL from a signed-in page, with its session, as the console itself calls it; errors throw. */
export async function pageGraphql<T = Record<string, unknown>>(
  page: Page,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<T> {
  const body = await page.evaluate(
    async ([q, v]) => {
      const response = await fetch("/graphql", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query: q, variables: v }),
      });
      return response.json();
    },
    [query, variables] as const,
  );
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data as T;
}
