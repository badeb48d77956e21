// The shell in a real browser: every main page on a phone and in dark mode (screenshots in
// test-results/pages/), the phone menu, theme and language choices, and the live connection.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { WebSocketRoute } from "playwright-core";
import { api, baseUrl, createUser, eventually, signInWithCookie, watchErrors, type TestUser } from "./helpers/app";
import { launchBrowser, snap, visit, waitForHydration, type Scheme, type TestBrowser, type Viewport } from "./helpers/browser";

let tb: TestBrowser;
let student: TestUser;
let instructor: TestUser;
beforeAll(async () => {
  tb = await launchBrowser();
  student = await createUser({ name: "Camille Dupont" });
  instructor = await createUser({ name: "Prof. Martin", role: "instructor" });
});
afterAll(async () => {
  await tb?.close();
});

async function open(variant: { viewport?: Viewport; scheme?: Scheme; locale?: string; user?: TestUser }) {
  const context = await tb.context({ baseURL: baseUrl(), viewport: variant.viewport, scheme: variant.scheme, locale: variant.locale });
  if (variant.user) await signInWithCookie(context, variant.user);
  const page = await context.newPage();
  return { context, page, errors: watchErrors(page) };
}

const PAGES: { name: string; path: string; heading: string; signedIn: boolean }[] = [
  { name: "landing", path: "/", heading: "Your campus, together in one place", signedIn: false },
  { name: "signin", path: "/signin", heading: "Welcome back", signedIn: false },
  { name: "signup", path: "/signup", heading: "Create your account", signedIn: false },
  { name: "home", path: "/", heading: "Hello, Camille Dupont", signedIn: true },
  { name: "profile", path: "/profile", heading: "Your profile", signedIn: true },
  { name: "not-found", path: "/no-such-page", heading: "Page not found", signedIn: true },
];

const VARIANTS: { viewport: Viewport; scheme: Scheme }[] = [
  { viewport: "desktop", scheme: "light" },
  { viewport: "phone", scheme: "light" },
  { viewport: "desktop", scheme: "dark" },
  { viewport: "phone", scheme: "dark" },
];

describe("main pages", () => {
  for (const variant of VARIANTS) {
    it(`render on ${variant.viewport} in ${variant.scheme} mode without errors`, async () => {
      const { page, errors } = await open(variant);
      for (const p of PAGES.filter((x) => !x.signedIn)) {
        await visit(page, p.path);
        await page.getByRole("heading", { name: p.heading, level: 1 }).waitFor();
        await snap(page, "pages", p.name, variant);
      }
      await signInWithCookie(page.context(), student);
      for (const p of PAGES.filter((x) => x.signedIn)) {
        await visit(page, p.path);
        await page.getByRole("heading", { name: p.heading, level: 1 }).waitFor();
        await snap(page, "pages", p.name, variant);
      }
      // The device's preference applies when no choice was made (no class on <html>).
      const dark = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      expect(dark === "rgb(13, 15, 20)").toBe(variant.scheme === "dark");
      if (variant.viewport === "phone") {
        // Nothing sticks out sideways on a 390px screen.
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      }
      errors.assertClean();
    });
  }

  it("are in French for a French browser", async () => {
    const { page, errors } = await open({ locale: "fr-FR" });
    await visit(page, "/");
    await page.getByRole("heading", { name: "Tout votre campus, réuni au même endroit" }).waitFor();
    expect(await page.locator("html").getAttribute("lang")).toBe("fr");
    await snap(page, "pages", "landing-fr");
    await signInWithCookie(page.context(), instructor);
    await visit(page, "/");
    await page.getByRole("heading", { name: "Bonjour, Prof. Martin" }).waitFor();
    await page.getByText("Planifiez une réunion et invitez vos étudiants.").waitFor();
    await snap(page, "pages", "home-fr");
    await visit(page, "/profile");
    await page.getByText(/Membre depuis le \d+ \p{L}+ \d{4}/u).waitFor(); // a French date
    await snap(page, "pages", "profile-fr");
    errors.assertClean();
  });
});

describe("phone menu", () => {
  it("folds the navigation into a menu button", async () => {
    const { page, errors } = await open({ viewport: "phone", user: student });
    await visit(page, "/");
    const menuButton = page.getByRole("button", { name: "Open menu" });
    expect(await page.getByRole("navigation", { name: "Main" }).isVisible()).toBe(false);
    await menuButton.click();
    const nav = page.getByRole("navigation", { name: "Main" });
    await nav.waitFor();
    for (const name of ["Home", "Rooms", "Chat", "Meetings"]) {
      const box = await nav.getByRole("link", { name }).boundingBox();
      expect(box!.height).toBeGreaterThanOrEqual(44); // touch targets
    }
    expect(await nav.getByRole("link", { name: "Meetings" }).getAttribute("href")).toBe("/meetings");
    await page.getByRole("button", { name: "Sign out" }).waitFor();
    await snap(page, "pages", "menu-open", { viewport: "phone" }, false);
    await page.keyboard.press("Escape");
    await page.getByRole("button", { name: "Open menu" }).waitFor();

    // Navigating closes it.
    await page.getByRole("button", { name: "Open menu" }).click();
    await page.getByRole("link", { name: "Profile" }).click();
    await page.getByRole("heading", { name: "Your profile" }).waitFor();
    await page.getByRole("navigation", { name: "Main" }).waitFor({ state: "hidden" });
    errors.assertClean();
  });

  it("offers sign in and sign up to visitors", async () => {
    const { page, errors } = await open({ viewport: "phone", scheme: "dark" });
    await visit(page, "/");
    await page.getByRole("button", { name: "Open menu" }).click();
    await page.getByRole("link", { name: "Sign up" }).last().waitFor();
    await snap(page, "pages", "menu-visitor", { viewport: "phone", scheme: "dark" }, false);
    errors.assertClean();
  });
});

describe("public files", () => {
  it("links the icons and the web app manifest, which load; robots.txt keeps crawlers off the API and private pages", async () => {
    const { page, errors } = await open({});
    await visit(page, "/");
    const links = await page.$$eval("link[rel=icon], link[rel=apple-touch-icon], link[rel=manifest]", (els) =>
      els.map((el) => ({ rel: el.getAttribute("rel"), href: (el as HTMLLinkElement).href })),
    );
    expect(links.map((l) => new URL(l.href).pathname).sort()).toEqual([
      "/apple-touch-icon.png",
      "/icon-192.png",
      "/icon.svg",
      "/manifest.webmanifest",
    ]);
    const manifestHref = links.find((l) => l.rel === "manifest")!.href;
    // Each icon decodes as an image in the browser at its declared size, the manifest's included.
    const loaded = await page.evaluate(async (href) => {
      const manifest = await (await fetch(href)).json();
      const icons: { src: string; sizes: string }[] = manifest.icons;
      const sizes = await Promise.all(
        [
          ...icons.map((i) => i.src),
          ...[...document.querySelectorAll<HTMLLinkElement>("link[rel~=icon], link[rel=apple-touch-icon]")].map((l) => l.href),
        ].map(async (src) => {
          const img = new Image();
          img.src = src;
          await img.decode();
          return [new URL(src, location.href).pathname, img.naturalWidth] as const;
        }),
      );
      return { name: manifest.name, display: manifest.display, start_url: manifest.start_url, sizes: Object.fromEntries(sizes) };
    }, manifestHref);
    expect(loaded).toEqual({
      name: "Mem2gether",
      display: "standalone",
      start_url: "/",
      sizes: {
        "/icon.svg": expect.any(Number),
        "/icon-192.png": 192,
        "/icon-512.png": 512,
        "/icon-maskable-512.png": 512,
        "/apple-touch-icon.png": 180,
      },
    });
    const robots = await page.request.get("/robots.txt");
    expect(robots.status()).toBe(200);
    expect(await robots.text()).toMatch(/^Disallow: \/api\/$/m);
    errors.assertClean();
  });
});

describe("theme", () => {
  it("toggles, persists in a cookie, and the server renders the chosen class (no flash)", async () => {
    const { context, page, errors } = await open({ user: student });
    await visit(page, "/");
    expect(await page.locator("html").getAttribute("class")).toBeNull();
    await page.getByTestId("theme-toggle").click();
    expect(await page.locator("html").getAttribute("class")).toBe("dark");
    const cookie = (await context.cookies()).find((c) => c.name === "m2g-theme");
    expect(cookie?.value).toBe("dark");

    // The HTML as it arrives, before any script: already dark.
    const html = await (await page.request.get("/")).text();
    expect(html).toMatch(/<html lang="en" class="dark"/);
    await page.reload();
    await waitForHydration(page);
    expect(await page.locator("html").getAttribute("class")).toBe("dark");
    await snap(page, "pages", "home-toggled", { scheme: "dark" });

    await page.getByTestId("theme-toggle").click();
    expect(await page.locator("html").getAttribute("class")).toBe("light");
    // Back to following the device, from the profile page.
    await visit(page, "/profile");
    await page.getByRole("radio", { name: "Same as my device" }).check();
    expect((await page.locator("html").getAttribute("class")) ?? "").not.toMatch(/light|dark/);
    expect((await context.cookies()).find((c) => c.name === "m2g-theme")).toBeUndefined();
    errors.assertClean();
  });
});

describe("language switch", () => {
  it("lets a visitor switch language, remembered in a cookie", async () => {
    const { context, page, errors } = await open({});
    await visit(page, "/signin");
    await page.getByTestId("language-switch").first().selectOption("fr");
    await page.getByRole("heading", { name: "Bon retour parmi nous" }).waitFor();
    expect((await context.cookies()).find((c) => c.name === "m2g-locale")?.value).toBe("fr");
    await page.reload();
    await waitForHydration(page);
    await page.getByRole("heading", { name: "Bon retour parmi nous" }).waitFor();
    await snap(page, "pages", "signin-fr");
    // Errors are in French too.
    await page.getByRole("button", { name: "Se connecter" }).last().click();
    await page.getByText("Saisissez votre e-mail ou votre nom d’utilisateur").waitFor();
    errors.assertClean();
  });

  it("saves a signed-in user's choice on the account", async () => {
    const user = await createUser();
    const { page, errors } = await open({ user });
    await visit(page, "/");
    await page.getByTestId("language-switch").first().selectOption("fr");
    await page.getByRole("heading", { name: /^Bonjour/ }).waitFor();
    expect((await api("/api/me", { token: user.token })).body.user.locale).toBe("fr");
    errors.assertClean();
  });

  it("the profile form follows a switch made in the header, so saving it keeps the new language", async () => {
    const user = await createUser({ name: "Inès Roy" });
    expect((await api("/api/me", { token: user.token, method: "PATCH", body: { locale: "fr" } })).status).toBe(200);
    const { page, errors } = await open({ user });
    await visit(page, "/profile");
    await page.getByRole("heading", { name: "Votre profil", level: 1 }).waitFor();
    expect(await page.getByTestId("profile-locale").inputValue()).toBe("fr");
    // Back to English from the header: the form's language follows.
    await page.getByTestId("language-switch").first().selectOption("en");
    await page.getByRole("heading", { name: "Your profile", level: 1 }).waitFor();
    await expect.poll(() => page.getByTestId("profile-locale").inputValue()).toBe("en");
    // Saving another field keeps English (it used to send "fr" back).
    await page.getByLabel("Bio").fill("Second-year maths student");
    await page.getByRole("button", { name: "Save changes" }).click();
    await page.getByText("Profile saved").first().waitFor();
    expect((await api("/api/me", { token: user.token })).body.user).toMatchObject({ locale: "en", bio: "Second-year maths student" });
    await page.getByRole("heading", { name: "Your profile", level: 1 }).waitFor();
    errors.assertClean();
  });
});

describe("live connection", () => {
  it("keeps a /chat socket open on every page (presence) and shows a notice while it is down", async () => {
    const user = await createUser();
    const { page, errors } = await open({ user });
    let allow = true;
    const routes: WebSocketRoute[] = [];
    await page.routeWebSocket(/\/socket\.io\//, (ws) => {
      if (!allow) return ws.close({ code: 1011, reason: "test: network down" });
      routes.push(ws, ws.connectToServer());
    });
    const online = async () => (await api(`/api/users/${user.id}`, { token: student.token })).body.user?.online as boolean;

    await visit(page, "/");
    await eventually(online, (v) => v === true, "the user showing online");
    expect(await page.getByTestId("reconnecting").count()).toBe(0);

    // The network drops (the server only notices at its next ping): the page says it is reconnecting.
    allow = false;
    for (const ws of routes.splice(0)) await ws.close({ code: 1006, reason: "test: network down" }).catch(() => {});
    await page.getByTestId("reconnecting").waitFor();
    await snap(page, "pages", "reconnecting", {}, false);

    // It comes back by itself, over a new connection.
    allow = true;
    await page.getByTestId("reconnecting").waitFor({ state: "detached", timeout: 60_000 });
    expect(routes.length).toBeGreaterThan(0);
    await eventually(online, (v) => v === true, "the user online again");
    errors.assertClean();
  });

  it("notices when the session is revoked elsewhere and shows the page signed out", async () => {
    const user = await createUser({ name: "Inès Roux" });
    const { page, errors } = await open({ user });
    await visit(page, "/profile");
    await page.getByRole("heading", { name: "Your profile" }).waitFor();
    // "Sign out everywhere" from another device: the server closes this page's sockets too.
    expect((await api("/api/auth/logout", { method: "POST", token: user.token })).status).toBe(200);
    await page.waitForURL(/\/signin\?callbackUrl=%2Fprofile$/);
    await page.getByRole("heading", { name: "Welcome back" }).waitFor();
    errors.assertClean();
  });

  it("opens no socket for visitors", async () => {
    const { page, errors } = await open({});
    const sockets: string[] = [];
    page.on("websocket", (ws) => {
      if (ws.url().includes("/socket.io/")) sockets.push(ws.url());
    });
    await visit(page, "/");
    await page.getByRole("heading", { level: 1 }).waitFor();
    await page.waitForLoadState("networkidle");
    expect(sockets).toEqual([]);
    errors.assertClean();
  });
});
