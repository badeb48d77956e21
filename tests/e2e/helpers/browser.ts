// Browser tests drive Debian's chromium through playwright-core (no downloaded browsers here).
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-quic",
  "--no-first-run",
  "--disable-component-update",
  "--disable-sync",
];

export const DESKTOP = { width: 1280, height: 860 };
export const PHONE = { width: 390, height: 844 };

export type Viewport = "desktop" | "phone";
export type Scheme = "light" | "dark";

export interface TestBrowser {
  browser: Browser;
  /** A fresh context (own cookies) with the viewport, colour scheme and language asked for. */
  context(options?: { viewport?: Viewport; scheme?: Scheme; locale?: string; baseURL?: string }): Promise<BrowserContext>;
  close(): Promise<void>;
}

/** Launches chromium with a fresh user data dir, removed again on close. */
export async function launchBrowser(): Promise<TestBrowser> {
  const userDataDir = mkdtempSync(path.join(tmpdir(), "m2g-chromium-"));
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [...CHROMIUM_ARGS, `--disk-cache-dir=${path.join(userDataDir, "cache")}`],
    env: { ...process.env, HOME: userDataDir, XDG_CONFIG_HOME: userDataDir, XDG_CACHE_HOME: userDataDir },
  });
  const contexts: BrowserContext[] = [];
  return {
    browser,
    async context({ viewport = "desktop", scheme = "light", locale = "en-US", baseURL } = {}) {
      const ctx = await browser.newContext({
        viewport: viewport === "phone" ? PHONE : DESKTOP,
        deviceScaleFactor: viewport === "phone" ? 2 : 1,
        isMobile: viewport === "phone",
        hasTouch: viewport === "phone",
        colorScheme: scheme,
        locale,
        timezoneId: "Europe/Paris",
        baseURL,
        reducedMotion: "reduce",
      });
      ctx.setDefaultTimeout(30_000);
      ctx.setDefaultNavigationTimeout(90_000); // the dev server compiles a page on its first visit
      contexts.push(ctx);
      return ctx;
    },
    async close() {
      for (const ctx of contexts) await ctx.close().catch(() => {});
      await browser.close().catch(() => {});
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

const RESULTS = path.resolve("test-results");

/** Saves a screenshot (full page by default) as test-results/<group>/<step>-<viewport>-<scheme>.png. */
export async function snap(
  page: Page,
  group: string,
  step: string,
  variant: { viewport?: Viewport; scheme?: Scheme } = {},
  /** false for what covers the viewport (dialogs, open menus): a full-page capture would cut it. */
  fullPage = true,
): Promise<string> {
  const dir = path.join(RESULTS, group);
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${step}-${variant.viewport ?? "desktop"}-${variant.scheme ?? "light"}.png`);
  // Never before React has hydrated (Playwright's caret hiding would then change the markup),
  // and with the fonts loaded.
  await waitForHydration(page);
  await page.evaluate(() => document.fonts.ready);
  // From the top: a full-page capture of a scrolled page paints the sticky header mid-page.
  if (fullPage) await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: file, fullPage, animations: "disabled", caret: "hide" });
  return file;
}

/** Waits until the current document is interactive (the app marks <html data-hydrated>). */
export async function waitForHydration(page: Page): Promise<void> {
  await page.waitForFunction(() => document.documentElement.dataset.hydrated === "true");
}

/** goto + wait for hydration: clicking earlier would hit server HTML without handlers. */
export async function visit(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await waitForHydration(page);
}
