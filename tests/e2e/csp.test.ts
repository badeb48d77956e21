// The pages' Content-Security-Policy in Chromium (issue 14): every page answers with a nonce-based
// policy, hydrates under it, and raises no violation; an injected inline handler is refused (so the
// violation listener is known to work). Chromium also logs violations as console errors, which
// every browser test's watchErrors() fails on.
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminToken } from "../helpers/client";
import { api, baseUrl, createUser, signInWithCookie, watchErrors } from "./helpers/app";
import { launchBrowser, waitForHydration, type TestBrowser } from "./helpers/browser";

let tb: TestBrowser;
beforeAll(async () => {
  tb = await launchBrowser();
});
afterAll(async () => {
  await tb?.close();
});

interface Violation {
  directive: string;
  blocked: string;
  sample: string;
}

async function watchedContext(): Promise<BrowserContext> {
  const context = await tb.context({ baseURL: baseUrl() });
  await context.addInitScript(() => {
    const w = window as unknown as { __csp: unknown[] };
    w.__csp = [];
    document.addEventListener("securitypolicyviolation", (e) =>
      w.__csp.push({ directive: e.violatedDirective, blocked: e.blockedURI, sample: e.sample }),
    );
  });
  return context;
}

const violations = (page: Page) => page.evaluate(() => (window as unknown as { __csp: Violation[] }).__csp);

/** Opens a page, checks its policy and nonces, waits for hydration; returns the policy. */
async function open(page: Page, path: string): Promise<string> {
  const res = await page.goto(path);
  const csp = res!.headers()["content-security-policy"] ?? "";
  expect(csp, path).toMatch(/script-src [^;]*'nonce-[A-Za-z0-9+/=]+'/);
  const scriptSrc = /script-src ([^;]*)/.exec(csp)![1]!;
  expect(scriptSrc, path).not.toMatch(/'unsafe-inline'|'unsafe-eval'/);
  const nonce = /'nonce-([^']+)'/.exec(csp)![1]!;
  // Every script tag the server rendered carries the request's nonce; chunks loaded later by
  // those scripts need none ('strict-dynamic').
  const html = await res!.text();
  const tags = html.match(/<script\b[^>]*>/g) ?? [];
  expect(tags.length, path).toBeGreaterThan(0);
  for (const tag of tags) expect(tag, path).toContain(`nonce="${nonce}"`);
  await waitForHydration(page);
  return csp;
}

describe("Content-Security-Policy", () => {
  it("every page hydrates under a fresh nonce with no violation, signed out and in", async () => {
    const context = await watchedContext();
    const page = await context.newPage();
    const errors = watchErrors(page);
    const first = await open(page, "/signin");
    for (const path of ["/signup", "/forgot-password"]) await open(page, path);
    const again = await open(page, "/signin");
    expect(again).not.toBe(first); // a new nonce per request
    expect(first).toContain("frame-ancestors 'none'");
    expect(first).toContain("object-src 'none'");

    const user = await createUser({ name: "Csp Student" });
    const room = await api("/api/rooms", { body: { name: "CSP room" }, token: user.token });
    expect(room.status).toBe(201);
    await signInWithCookie(context, user);
    for (const path of ["/", "/chat", `/rooms/${room.body.room.room_id}`, "/meetings", "/profile"]) await open(page, path);
    // Client navigation within the app keeps working (its scripts come from the nonced bootstrap).
    await page.getByRole("link", { name: "Chat" }).first().click();
    await page.waitForURL(/\/chat/);
    expect(await violations(page)).toEqual([]);
    errors.assertClean();
  });

  it("the admin pages too", async () => {
    const context = await watchedContext();
    await context.addCookies([
      { name: "next-auth.session-token", value: await adminToken(), url: baseUrl(), httpOnly: true, sameSite: "Lax" },
    ]);
    const page = await context.newPage();
    const errors = watchErrors(page);
    for (const path of ["/admin", "/admin/requests", "/admin/reports", "/admin/audit"]) await open(page, path);
    expect(await violations(page)).toEqual([]);
    errors.assertClean();
  });

  it("refuses an injected inline handler and reports it", async () => {
    const context = await watchedContext();
    const page = await context.newPage();
    const errors = watchErrors(page, [/Content Security Policy/]);
    await open(page, "/signin");
    await page.evaluate(() => {
      const div = document.createElement("div");
      div.innerHTML = `<button id="injected" onclick="window.__injected = true">x</button>`;
      document.body.append(div);
      document.getElementById("injected")!.click();
    });
    await page.waitForFunction(() => (window as unknown as { __csp: unknown[] }).__csp.length > 0);
    const [v] = await violations(page);
    expect(v!.directive).toMatch(/^script-src/);
    expect(await page.evaluate(() => (window as unknown as { __injected?: boolean }).__injected)).toBeUndefined();
    expect(errors.problems).toEqual([]);
  });
});
