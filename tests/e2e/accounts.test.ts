// Account flows in a real browser: sign up, sign in, edit the profile, sign out, delete.
// Every step leaves a screenshot in test-results/accounts/ to be looked at.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, baseUrl, createUser, eventually, sessionCookie, signInWithCookie, watchErrors } from "./helpers/app";
import { launchBrowser, snap, visit, waitForHydration, type TestBrowser } from "./helpers/browser";
import { unique } from "../helpers/client";

let tb: TestBrowser;
beforeAll(async () => {
  tb = await launchBrowser();
});
afterAll(async () => {
  await tb?.close();
});

async function newPage(options: Parameters<TestBrowser["context"]>[0] = {}) {
  const context = await tb.context({ baseURL: baseUrl(), ...options });
  const page = await context.newPage();
  return { context, page, errors: watchErrors(page) };
}

describe("sign up", () => {
  it("validates inline, shows the instructor code for instructors, creates the account and signs in", async () => {
    const { page, errors } = await newPage();
    await visit(page, "/signup");
    await page.getByRole("heading", { name: "Create your account" }).waitFor();
    await snap(page, "accounts", "signup-empty");

    // Submitting empty shows every problem under its field, in words a person understands.
    await page.getByRole("button", { name: "Create account" }).click();
    await page.getByText("Please correct the highlighted fields.").waitFor();
    expect(await page.getByLabel("Email").getAttribute("aria-invalid")).toBe("true");
    expect(await page.getByText("This field is required").count()).toBeGreaterThanOrEqual(2);

    // The shared schema's rules, checked as the user leaves a field.
    await page.getByLabel("Username").fill("no spaces!");
    await page.getByLabel("Password", { exact: true }).fill("short");
    await page.getByLabel("Password", { exact: true }).blur();
    await page.getByText("Only letters, digits, dots, dashes and underscores").waitFor();
    await page.getByText("Must be at least 8 characters").waitFor();
    await snap(page, "accounts", "signup-errors");

    // The instructor code appears only for instructors.
    expect(await page.getByLabel("Instructor code").count()).toBe(0);
    await page.getByRole("radio", { name: /^Instructor/ }).check();
    await page.getByLabel("Instructor code").waitFor();

    const username = unique("ui");
    await page.getByLabel("Email").fill(`${username}@example.test`);
    await page.getByLabel("Username").fill(username);
    await page.getByLabel("Display name").fill("Élise Laurent");
    await page.getByLabel("Password", { exact: true }).fill("a good long password");
    await page.getByLabel("Password", { exact: true }).blur();
    expect(await page.getByRole("alert").filter({ hasText: "characters" }).count()).toBe(0);
    expect(await page.getByText("Please correct the highlighted fields.").count()).toBe(0);
    await snap(page, "accounts", "signup-instructor");

    await page.getByRole("button", { name: "Create account" }).click();
    await page.waitForURL(`${baseUrl()}/`);
    await page.getByRole("heading", { name: "Hello, Élise Laurent" }).waitFor();
    await page.getByText("Welcome to Mem2gether, Élise Laurent!").waitFor();
    // Instructors manage their meetings in the dashboard.
    expect(await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Meetings" }).getAttribute("href")).toBe(
      "/dashboard/meetings",
    );
    await snap(page, "accounts", "signup-done");

    const created = await api("/api/auth/token", { body: { username, password: "a good long password" } });
    expect(created.status).toBe(200);
    expect(created.body.user).toMatchObject({ username, name: "Élise Laurent", role: "instructor" });
    errors.assertClean();
  });

  it("shows the server's answer for a username that is taken", async () => {
    const existing = await createUser();
    const { page, errors } = await newPage();
    await visit(page, "/signup");
    await page.getByLabel("Email").fill(`${unique("other")}@example.test`);
    await page.getByLabel("Username").fill(existing.username);
    await page.getByLabel("Password", { exact: true }).fill("another password");
    await page.getByRole("button", { name: "Create account" }).click();
    await page.getByText("This username is already taken").waitFor();
    expect(await page.getByLabel("Username").getAttribute("aria-invalid")).toBe("true");
    expect(page.url()).toContain("/signup");
    await snap(page, "accounts", "signup-taken");
    errors.assertClean();
  });
});

describe("sign in", () => {
  it("sends a signed-out visitor to sign in and back, and explains wrong credentials", async () => {
    const user = await createUser({ name: "Hugo Petit" });
    const { page, errors } = await newPage();
    await visit(page, "/profile");
    await page.waitForURL(/\/signin\?callbackUrl=%2Fprofile$/);
    await page.getByText("Please sign in to continue.").waitFor();
    await snap(page, "accounts", "signin-required");

    await page.getByLabel("Email or username").fill(user.username);
    await page.getByLabel("Password", { exact: true }).fill("not the password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByText("The email, username or password is incorrect.").waitFor();
    await snap(page, "accounts", "signin-wrong");

    // By email this time; the form keeps what was typed.
    await page.getByLabel("Email or username").fill(user.email);
    await page.getByLabel("Password", { exact: true }).fill(user.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(`${baseUrl()}/profile`);
    await page.getByRole("heading", { name: "Your profile" }).waitFor();
    await snap(page, "accounts", "signin-done");
    errors.assertClean();
  });

  it("says so when the account is throttled after too many failures", async () => {
    const user = await createUser();
    for (let i = 0; i < 10; i++) await api("/api/auth/token", { body: { username: user.username, password: `wrong-${i}` } });
    const { page, errors } = await newPage();
    await visit(page, "/signin");
    await page.getByLabel("Email or username").fill(user.username);
    await page.getByLabel("Password", { exact: true }).fill(user.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByText("Too many failed attempts.", { exact: false }).waitFor();
    expect(page.url()).toContain("/signin");
    await snap(page, "accounts", "signin-throttled");
    errors.assertClean();
  });
});

describe("profile", () => {
  it("edits the name, bio and language, with inline validation", async () => {
    const user = await createUser({ name: "Nora Lambert" });
    const { context, page, errors } = await newPage();
    await signInWithCookie(context, user);
    await visit(page, "/profile");
    await page.getByRole("heading", { name: "Your profile" }).waitFor();
    await snap(page, "accounts", "profile");

    const name = page.getByLabel("Display name");
    await name.fill("   ");
    await name.blur();
    await page.getByRole("button", { name: "Save changes" }).click();
    await page.getByText("This field is required").waitFor();
    expect(await name.getAttribute("aria-invalid")).toBe("true");

    await name.fill("Nora L.");
    await page.getByLabel("Bio").fill("Third-year history student. Film club on Thursdays.");
    await page.getByRole("button", { name: "Save changes" }).click();
    await page.getByText("Profile saved").waitFor();
    // The header follows without a reload.
    await page.getByRole("button", { name: "Account menu" }).getByText("Nora L.").waitFor();
    await snap(page, "accounts", "profile-saved");
    const me = await api("/api/me", { token: user.token });
    expect(me.body.user).toMatchObject({ name: "Nora L.", bio: "Third-year history student. Film club on Thursdays." });

    // Language: saved on the account, the whole page switches to French.
    await page.getByTestId("profile-locale").selectOption("fr");
    await page.getByRole("button", { name: "Save changes" }).click();
    await page.getByRole("heading", { name: "Votre profil" }).waitFor();
    expect(await page.locator("html").getAttribute("lang")).toBe("fr");
    expect((await api("/api/me", { token: user.token })).body.user.locale).toBe("fr");
    await snap(page, "accounts", "profile-french");

    // The saved language wins over the browser's: a fresh English browser still gets French.
    const other = await newPage({ locale: "en-US" });
    await signInWithCookie(other.context, user);
    await visit(other.page, "/");
    await other.page.getByRole("heading", { name: "Bonjour, Nora L." }).waitFor();

    // Back to automatic: the browser's language (English) decides again.
    await page.getByTestId("profile-locale").selectOption("");
    await page.getByRole("button", { name: "Enregistrer" }).click();
    await page.getByRole("heading", { name: "Your profile" }).waitFor();
    expect((await api("/api/me", { token: user.token })).body.user.locale).toBeNull();
    errors.assertClean();
    other.errors.assertClean();
  });

  it("changes the password with the current one and stays signed in here", async () => {
    const user = await createUser();
    const { context, page, errors } = await newPage();
    await signInWithCookie(context, user);
    await visit(page, "/profile");
    const form = page.getByTestId("password-form");

    await form.getByLabel("Current password", { exact: true }).fill("not my password");
    await form.getByLabel("New password", { exact: true }).fill("brand new password");
    await form.getByLabel("Confirm new password", { exact: true }).fill("brand new passwrd");
    await form.getByRole("button", { name: "Change password" }).click();
    await form.getByText("The passwords do not match").waitFor();

    await form.getByLabel("Confirm new password", { exact: true }).fill("brand new password");
    await form.getByRole("button", { name: "Change password" }).click();
    await form.getByText("Incorrect password").waitFor(); // the server's detail, under its field
    await snap(page, "accounts", "password-wrong");

    const before = await sessionCookie(context);
    await form.getByLabel("Current password", { exact: true }).fill(user.password);
    await form.getByRole("button", { name: "Change password" }).click();
    await page.getByText("Password changed.", { exact: false }).waitFor();
    expect(await form.getByLabel("Current password", { exact: true }).inputValue()).toBe("");
    await snap(page, "accounts", "password-changed");

    // The cookie was renewed: this browser carries on, the old token and password are dead.
    const after = await sessionCookie(context);
    expect(after).toBeTruthy();
    expect(after).not.toBe(before);
    await page.reload();
    await waitForHydration(page);
    await page.getByRole("heading", { name: "Your profile" }).waitFor();
    expect((await api("/api/me", { token: user.token })).status).toBe(401);
    expect((await api("/api/auth/token", { body: { username: user.username, password: user.password } })).status).toBe(401);
    expect((await api("/api/auth/token", { body: { username: user.username, password: "brand new password" } })).status).toBe(200);
    errors.assertClean();
  });
});

describe("sign out", () => {
  it("signs out from the user menu: back on the landing, and the old session is dead", async () => {
    const user = await createUser({ name: "Théo Garnier" });
    const { context, page, errors } = await newPage();
    await signInWithCookie(context, user);
    await visit(page, "/");
    await page.getByRole("button", { name: "Account menu" }).click();
    await page.getByRole("link", { name: "Profile" }).waitFor();
    await snap(page, "accounts", "user-menu", {}, false);

    await page.getByTestId("sign-out").click();
    await page.getByRole("link", { name: "I already have an account" }).waitFor();
    expect(page.url()).toBe(`${baseUrl()}/`);
    await snap(page, "accounts", "signed-out");

    // Signing out revokes every session of the user, not only this cookie.
    expect((await api("/api/me", { token: user.token })).status).toBe(401);
    await visit(page, "/profile");
    await page.waitForURL(/\/signin\?callbackUrl=%2Fprofile$/);
    errors.assertClean();
  });
});

describe("delete account", () => {
  it("asks for the password in a dialog, then lands on / signed out", async () => {
    const user = await createUser();
    const { context, page, errors } = await newPage();
    await signInWithCookie(context, user);
    await visit(page, "/profile");
    await page.getByTestId("delete-account").click();
    const dialog = page.getByRole("dialog", { name: "Delete your account?" });
    await dialog.waitFor();
    // The password field has the focus.
    expect(await page.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe("delete-password");
    await snap(page, "accounts", "delete-dialog", {}, false);

    // Escape closes it and nothing happened.
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "hidden" });
    expect((await api("/api/me", { token: user.token })).status).toBe(200);

    await page.getByTestId("delete-account").click();
    await dialog.getByLabel("Password", { exact: true }).fill("wrong password");
    await dialog.getByRole("button", { name: "Delete account" }).click();
    await dialog.getByText("Incorrect password").waitFor();
    await snap(page, "accounts", "delete-wrong", {}, false);
    expect((await api("/api/me", { token: user.token })).status).toBe(200);

    await dialog.getByLabel("Password", { exact: true }).fill(user.password);
    await dialog.getByRole("button", { name: "Delete account" }).click();
    await page.getByText("Your account has been deleted.").waitFor();
    await page.getByRole("link", { name: "I already have an account" }).waitFor();
    expect(page.url()).toBe(`${baseUrl()}/`);
    await snap(page, "accounts", "deleted");

    expect((await api("/api/me", { token: user.token })).status).toBe(401);
    expect((await api("/api/auth/token", { body: { username: user.username, password: user.password } })).status).toBe(401);
    await eventually(
      () => sessionCookie(context),
      (v) => !v,
      "the session cookie being cleared",
    );
    errors.assertClean();
  });
});
