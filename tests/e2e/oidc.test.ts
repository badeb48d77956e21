// School sign-in against a real OpenID provider (oidc-provider, in this process, with its own
// development login and consent pages), through Chromium: the first sign-in creates the account,
// a returning one finds it by issuer + subject, a password account with the same verified email is
// linked, the role claim makes instructors, and unverified emails and deactivated accounts are refused.
// Two app nodes of their own (the shared one has no OIDC_*): passwords on, and PASSWORD_SIGNIN=false.
import { generateKeyPairSync } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import Provider, { type Configuration } from "oidc-provider";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { freePort } from "../../lib/db/embedded";
import { PROD_DIST_DIR, startNode, type AppNode } from "../setup/nodes";
import { adminToken, unique } from "../helpers/client";
import { api, createUser, watchErrors } from "./helpers/app";
import { axeProblems } from "./helpers/axe";
import { launchBrowser, snap, visit, waitForHydration, type Scheme, type TestBrowser, type Viewport } from "./helpers/browser";

const ROLE_CLAIM = "m2g_role";
const SCHOOL = "ENT Lycée Hugo";
const CLIENT = { id: "mem2gether", secret: "a client secret for the tests, long enough" };

/** The identity provider's people, by the login typed on its form (which is also their subject). */
type Person = { email: string; email_verified: boolean; name: string; [ROLE_CLAIM]?: string | string[] };
const people = new Map<string, Person>();

let idp: http.Server;
let issuer: string;
let app: AppNode;
let schoolOnly: AppNode;
let tb: TestBrowser;

async function startIdp(port: number, redirectUris: string[]): Promise<void> {
  issuer = `http://localhost:${port}`;
  const jwk = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ format: "jwk" });
  const configuration: Configuration = {
    clients: [
      {
        client_id: CLIENT.id,
        client_secret: CLIENT.secret,
        redirect_uris: redirectUris,
        grant_types: ["authorization_code"],
        response_types: ["code"],
      },
    ],
    jwks: { keys: [{ ...jwk, kid: "test", use: "sig", alg: "RS256" }] as never },
    cookies: { keys: ["cookie key for the test identity provider"] },
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name", ROLE_CLAIM] },
    // Claims in the ID token (next-auth reads the verified ID token, idToken: true), as most school IdPs do.
    conformIdTokenClaims: false,
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600 },
    async findAccount(_ctx, id) {
      const person = people.get(id);
      if (!person) return undefined;
      return { accountId: id, claims: () => ({ sub: id, ...person }) };
    },
  };
  const provider = new Provider(issuer, configuration);
  idp = http.createServer(provider.callback());
  await new Promise<void>((resolve) => idp.listen(port, resolve));
  expect((idp.address() as AddressInfo).port).toBe(port);
}

const appEnv = (extra: Record<string, string> = {}) => ({
  OIDC_ISSUER: issuer,
  OIDC_CLIENT_ID: CLIENT.id,
  OIDC_CLIENT_SECRET: CLIENT.secret,
  OIDC_NAME: SCHOOL,
  OIDC_ROLE_CLAIM: ROLE_CLAIM,
  ...extra,
});

beforeAll(async () => {
  const [appPort, schoolOnlyPort, idpPort] = [await freePort(), await freePort(), await freePort()];
  await startIdp(
    idpPort,
    [appPort, schoolOnlyPort].map((p) => `http://localhost:${p}/api/auth/callback/oidc`),
  );
  const prod = process.env.TEST_SERVER_MODE === "prod";
  const base = { databaseUrl: inject("databaseUrl"), mode: prod ? "prod" : "dev", distDir: prod ? PROD_DIST_DIR : ".next-test" } as const;
  // Side by side: the database is migrated already (the suite's server did it).
  [app, schoolOnly, tb] = await Promise.all([
    startNode({ ...base, port: appPort, env: appEnv() }),
    startNode({ ...base, port: schoolOnlyPort, env: appEnv({ PASSWORD_SIGNIN: "false" }) }),
    launchBrowser(),
  ]);
});

afterAll(async () => {
  await tb?.close();
  await Promise.all([app?.stop(), schoolOnly?.stop()]);
  await new Promise((resolve) => (idp ? idp.close(resolve) : resolve(undefined)));
});

/** A JSON request to one of this file's nodes. */
async function call(node: AppNode, path: string, init: { method?: string; body?: unknown; token?: string } = {}) {
  const res = await fetch(`${node.baseUrl}${path}`, {
    method: init.method ?? (init.body ? "POST" : "GET"),
    headers: {
      ...(init.body ? { "content-type": "application/json" } : {}),
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
    },
    body: init.body ? JSON.stringify(init.body) : undefined,
    redirect: "manual",
  });
  return { status: res.status, body: (await res.json().catch(() => ({}))) as Record<string, any> };
}

function newPerson(overrides: Partial<Person> = {}): { login: string; person: Person } {
  const login = unique("pupil");
  const person: Person = { email: `${login}@school.test`, email_verified: true, name: "Camille Martin", ...overrides };
  people.set(login, person);
  return { login, person };
}

/** Clicks the school button on /signin and goes through the identity provider's login and consent. */
async function signInAtSchool(node: AppNode, login: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await tb.context({ baseURL: node.baseUrl });
  const page = await context.newPage();
  await visit(page, "/signin");
  await page.getByRole("button", { name: `Sign in with ${SCHOOL}` }).click();
  await page.waitForURL((url) => url.href.startsWith(`${issuer}/interaction/`));
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("whatever the school checks");
  await page.getByRole("button", { name: "Sign-in" }).click();
  // The development consent page, once per session and client.
  await page.waitForURL((url) => url.href.startsWith(node.baseUrl) || url.href.includes("/interaction/"));
  if (page.url().startsWith(issuer)) {
    await page.getByRole("button", { name: "Continue" }).click();
  }
  await page.waitForURL((url) => url.href.startsWith(node.baseUrl));
  await waitForHydration(page);
  return { context, page };
}

/** The signed-in user of the browser context, through its session cookie. */
async function me(page: Page) {
  const res = await page.request.get("/api/me");
  return { status: res.status(), body: (await res.json()) as Record<string, any> };
}

async function adminFind(email: string) {
  const res = await api(`/api/admin/users?q=${encodeURIComponent(email)}`, { token: await adminToken() });
  expect(res.status).toBe(200);
  return (res.body.users as Array<{ id: string; email: string; role: string }>).filter((u) => u.email === email);
}

describe("school sign-in (OpenID Connect)", () => {
  it("shows the school button next to the password form (desktop and phone, light and dark, English and French; axe-clean)", async () => {
    for (const locale of ["en-US", "fr-FR"]) {
      for (const viewport of ["desktop", "phone"] as Viewport[]) {
        for (const scheme of ["light", "dark"] as Scheme[]) {
          const context = await tb.context({ baseURL: app.baseUrl, viewport, scheme, locale });
          const page = await context.newPage();
          const errors = watchErrors(page);
          await visit(page, "/signin");
          const label = locale === "fr-FR" ? `Se connecter avec ${SCHOOL}` : `Sign in with ${SCHOOL}`;
          await page.getByRole("button", { name: label }).waitFor();
          expect(await page.locator('input[type="password"]').count()).toBe(1);
          await snap(page, "oidc", `signin-${locale.slice(0, 2)}`, { viewport, scheme });
          expect(await axeProblems(page, `oidc signin ${locale} ${viewport} ${scheme}`)).toEqual([]);
          errors.assertClean();
          await context.close();
        }
      }
    }
  });

  it("the first sign-in creates a student from the verified email; a returning one gets the same account, even after the email changed", async () => {
    const { login, person } = newPerson({ name: "Camille Martin" });
    const first = await signInAtSchool(app, login);
    const errors = watchErrors(first.page);
    await first.page.getByRole("heading", { name: /Camille Martin/ }).waitFor();
    const created = await me(first.page);
    expect(created.status).toBe(200);
    expect(created.body.user).toMatchObject({ email: person.email, name: "Camille Martin", role: "student", username: login });
    errors.assertClean();

    // Found by issuer + subject first: the school changed the address, the account stays the same.
    person.email = `${login}.renamed@school.test`;
    const again = await signInAtSchool(app, login);
    const returning = await me(again.page);
    expect(returning.body.user.id).toBe(created.body.user.id);
    expect(await adminFind(person.email)).toEqual([]);

    // The session is an ordinary one: signing out through the API revokes it (claimsFor's token version).
    const out = await again.page.request.post("/api/auth/logout", { headers: { origin: app.baseUrl } });
    expect(out.status()).toBe(200);
    expect((await me(again.page)).status).toBe(401);
    expect((await me(first.page)).status).toBe(401);
  });

  it("links an existing password account with the same verified email; its password still works", async () => {
    const user = await createUser();
    const { login } = newPerson({ email: user.email, name: "Someone Else" });
    const { page } = await signInAtSchool(app, login);
    const linked = await me(page);
    expect(linked.body.user).toMatchObject({ id: user.id, username: user.username, email: user.email });
    const tok = await call(app, "/api/auth/token", { body: { username: user.username, password: user.password } });
    expect(tok.status).toBe(200);
    expect(tok.body.user.id).toBe(user.id);
    expect(await adminFind(user.email)).toHaveLength(1);
  });

  it("a role claim saying instructor makes an instructor; the username is made unique", async () => {
    const taken = await createUser();
    // Same local part as an existing username, at another domain: the new account gets `<local>2`.
    const { login, person } = newPerson({ email: `${taken.username}@other-school.test`, [ROLE_CLAIM]: ["teacher", "instructor"] });
    const { page } = await signInAtSchool(app, login);
    const created = await me(page);
    expect(created.body.user).toMatchObject({ email: person.email, role: "instructor", username: `${taken.username}2` });
  });

  it("refuses an unverified email on /signin (English and French) and creates nothing", async () => {
    const { login, person } = newPerson({ email_verified: false });
    const { page } = await signInAtSchool(app, login);
    expect(new URL(page.url()).pathname).toBe("/signin");
    expect(new URL(page.url()).searchParams.get("error")).toBe("OIDC_EMAIL_UNVERIFIED");
    await page.getByRole("alert").filter({ hasText: "email address is not verified" }).waitFor();
    await snap(page, "oidc", "refused-unverified-en");
    expect((await me(page)).status).toBe(401);
    expect(await adminFind(person.email)).toEqual([]);

    const fr = await tb.context({ baseURL: app.baseUrl, locale: "fr-FR" });
    const frPage = await fr.newPage();
    await visit(frPage, "/signin?error=OIDC_EMAIL_UNVERIFIED");
    await frPage.getByRole("alert").filter({ hasText: "n’est pas vérifiée" }).waitFor();
    await snap(frPage, "oidc", "refused-unverified-fr");
  });

  it("refuses a deactivated account like password sign-in does", async () => {
    const user = await createUser();
    const { login } = newPerson({ email: user.email });
    const off = await api(`/api/admin/users/${user.id}`, { method: "PATCH", body: { deactivated: true }, token: await adminToken() });
    expect(off.status).toBe(200);
    const { page } = await signInAtSchool(app, login);
    expect(new URL(page.url()).searchParams.get("error")).toBe("ACCOUNT_DEACTIVATED");
    await page.getByRole("alert").filter({ hasText: "deactivated" }).waitFor();
    expect((await me(page)).status).toBe(401);
  });
});

describe("PASSWORD_SIGNIN=false", () => {
  it("offers only the school on /signin, redirects /signup, and school sign-in works", async () => {
    for (const scheme of ["light", "dark"] as Scheme[]) {
      const context = await tb.context({ baseURL: schoolOnly.baseUrl, scheme });
      const page = await context.newPage();
      const errors = watchErrors(page);
      await visit(page, "/signin");
      await page.getByRole("button", { name: `Sign in with ${SCHOOL}` }).waitFor();
      expect(await page.locator('input[type="password"]').count()).toBe(0);
      expect(await page.getByRole("link", { name: "Create an account" }).count()).toBe(0);
      expect(await page.getByRole("banner").getByRole("link", { name: "Sign up" }).count()).toBe(0);
      await snap(page, "oidc", "school-only", { scheme });
      expect(await axeProblems(page, `oidc school-only ${scheme}`)).toEqual([]);
      await visit(page, "/signup");
      expect(new URL(page.url()).pathname).toBe("/signin");
      await visit(page, "/");
      expect(await page.locator('main a[href="/signup"]').count()).toBe(0);
      errors.assertClean();
      await context.close();
    }
    const providers = await call(schoolOnly, "/api/auth/providers");
    expect(Object.keys(providers.body)).toEqual(["oidc"]);

    const { login, person } = newPerson();
    const { page } = await signInAtSchool(schoolOnly, login);
    expect((await me(page)).body.user).toMatchObject({ email: person.email, role: "student" });
  });

  it("refuses tokens, sign-in and sign-up by password with 403 PASSWORD_SIGNIN_DISABLED, changing nothing", async () => {
    const user = await createUser();
    for (const path of ["/api/auth/token", "/api/auth/login", "/api/users/login"]) {
      const res = await call(schoolOnly, path, { body: { username: user.username, password: user.password } });
      expect(res.status, path).toBe(403);
      expect(res.body).toMatchObject({ success: false, code: "PASSWORD_SIGNIN_DISABLED" });
    }
    const username = unique("nope");
    const email = `${username}@example.test`;
    const reg = await call(schoolOnly, "/api/auth/register", { body: { email, username, password: "a good long password" } });
    expect(reg.status).toBe(403);
    expect(reg.body).toMatchObject({ success: false, code: "PASSWORD_SIGNIN_DISABLED" });
    expect(await adminFind(email)).toEqual([]);
    // A Bearer token from elsewhere (issued while passwords were on) is still an ordinary session.
    expect((await call(schoolOnly, "/api/me", { token: user.token })).status).toBe(200);
  });
});
