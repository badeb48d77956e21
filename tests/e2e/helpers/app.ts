// What the browser tests share: users made through the API, a signed-in browser context without
// going through the form, and a watch on the page's errors.
import type { BrowserContext, Page } from "playwright-core";
import type { TestBrowser } from "./browser";
import { expect } from "vitest";
import { api, baseUrl, createUser, type TestUser } from "../../helpers/client";

export { api, baseUrl, createUser, type TestUser };

/** The session cookie name for an http APP_URL (lib/auth/tokens.ts). */
export const SESSION_COOKIE = "next-auth.session-token";

/**
 * Signs a context in by setting the session cookie to a token from POST /api/auth/token: the
 * same format as next-auth's own cookie. Sign-in through the form is tested on its own.
 */
export async function signInWithCookie(context: BrowserContext, user: TestUser): Promise<void> {
  await context.addCookies([{ name: SESSION_COOKIE, value: user.token, url: baseUrl(), httpOnly: true, sameSite: "Lax" }]);
}

/** A new context signed in as `user` (a viewport, scheme or locale as asked), its page, and a watch on the page's errors. */
export async function signedInPage(tb: TestBrowser, user: TestUser, options: Parameters<TestBrowser["context"]>[0] = {}) {
  const context = await tb.context({ baseURL: baseUrl(), ...options });
  await signInWithCookie(context, user);
  const page = await context.newPage();
  return { context, page, errors: watchErrors(page) };
}

/** The session cookie the browser holds now (to replay it against the API). */
export async function sessionCookie(context: BrowserContext): Promise<string | undefined> {
  return (await context.cookies(baseUrl())).find((c) => c.name === SESSION_COOKIE)?.value;
}

// Expected noise: resources answering 4xx on purpose (wrong password...), and in dev mode React
// mounting effects twice, which closes the first socket before it connected.
const IGNORED = [
  /Failed to load resource: the server responded with a status of 4\d\d/,
  /WebSocket is closed before the connection is established/,
];

/** Collects uncaught errors and console errors; `assertClean()` fails the test on any. */
export function watchErrors(page: Page, alsoIgnore: RegExp[] = []) {
  const problems: string[] = [];
  if (process.env.E2E_DEBUG) {
    page.on("framenavigated", (f) => f === page.mainFrame() && console.log("NAV", f.url()));
    page.on("request", (r) => r.url().includes("_rsc") && console.log("RSC", r.url(), r.headers()["next-router-state-tree"]?.slice(0, 80)));
    page.on("console", (m) => console.log("console:", m.type(), m.text().slice(0, 400)));
  }
  page.on("pageerror", (err) => problems.push(`pageerror: ${page.url()}: ${err.message}`));
  page.on("console", (msg) => {
    if (msg.type() !== "error") return;
    const text = msg.text();
    if (![...IGNORED, ...alsoIgnore].some((re) => re.test(text))) problems.push(`console.error: ${page.url()}: ${text.slice(0, 3000)}`);
  });
  return {
    problems,
    assertClean() {
      expect(problems, problems.join("\n")).toEqual([]);
    },
  };
}

/** Waits until an API answer satisfies `check` (state that settles asynchronously, e.g. presence). */
export async function eventually<T>(read: () => Promise<T>, check: (value: T) => boolean, what: string, attempts = 60): Promise<T> {
  let last: T | undefined;
  for (let i = 0; i < attempts; i++) {
    last = await read();
    if (check(last)) return last;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${what} never happened (last value: ${JSON.stringify(last)})`);
}
