import { mkdirSync } from "node:fs";
import { join } from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { expect } from "vitest";

/** Debian's chromium (installed by .ci/run when missing); never a downloaded browser. */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/**
 * A fresh browser profile at 1280×720 that can reach only 127.0.0.1: any other request is aborted and
 * recorded, so the console and GraphiQL are proven to work without internet access.
 */
export async function isolatedContext(browser: Browser, base: string) {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 720 },
    baseURL: base,
    // The console drops its animations then: screenshots and axe see finished dialogs, sooner.
    reducedMotion: "reduce",
  });
  // Generous for a loaded CI machine running the other suites beside this one.
  context.setDefaultTimeout(15_000);
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: base });
  const outside: string[] = [];
  await context.route(
    (url) => url.hostname !== "127.0.0.1" && url.protocol !== "data:" && url.protocol !== "blob:",
    (route) => {
      outside.push(route.request().url());
      return route.abort();
    },
  );
  return { context, outside };
}

export async function signIn(context: BrowserContext, email: string, path = "/keys"): Promise<Page> {
  const page = await context.newPage();
  await page.goto(path);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("tessera-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("button", { name: "Account menu" }).waitFor();
  return page;
}

const screenshots = join(import.meta.dirname, "../screenshots");

/**
 * Checks a screen: no serious or critical axe violation, no horizontal page scroll at 1280 px, and a
 * screenshot for people to look at (gitignored).
 */
export async function checkScreen(page: Page, name: string): Promise<void> {
  mkdirSync(screenshots, { recursive: true });
  await page.screenshot({ path: join(screenshots, `${name}.png`) });
  const { violations } = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  const serious = violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join("; ")})`);
  expect(
    serious,
    `accessibility on ${name}: ${JSON.stringify(violations.map((v) => v.nodes.map((n) => n.html)))}`,
  ).toEqual([]);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `horizontal scroll on ${name}`).toBeLessThanOrEqual(0);
}
