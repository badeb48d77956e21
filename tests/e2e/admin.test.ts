// Administration in a real browser: a student reports a chat message from its menu; an
// administrator resolves it and deactivates an account on /admin. Screenshots of the /admin pages
// in test-results/admin/ (desktop and phone, light and dark, English and French).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminToken } from "../helpers/client";
import { api, baseUrl, createUser, signInWithCookie, watchErrors, type TestUser } from "./helpers/app";
import { launchBrowser, snap, visit, type Scheme, type TestBrowser, type Viewport } from "./helpers/browser";

let tb: TestBrowser;
let admin: { token: string };
beforeAll(async () => {
  tb = await launchBrowser();
  admin = { token: await adminToken() };
});
afterAll(async () => {
  await tb?.close();
});

async function open(user: { token: string }, variant: { viewport?: Viewport; scheme?: Scheme; locale?: string } = {}) {
  const context = await tb.context({ baseURL: baseUrl(), viewport: variant.viewport, scheme: variant.scheme, locale: variant.locale });
  await signInWithCookie(context, user as TestUser);
  const page = await context.newPage();
  return { page, errors: watchErrors(page) };
}

describe("administration in the browser", () => {
  it("a student reports a message from the chat menu; an administrator deletes it and deactivates the author on /admin", async () => {
    const author = await createUser({ name: "Rude Raymond" });
    const student = await createUser({ name: "Camille Dupont" });
    const channel = (await api("/api/channels", { token: author.token, body: { name: `Moderation ${author.username}`, type: "public" } }))
      .body.channel;
    await api(`/api/channels/${channel.slug}/join`, { token: student.token, method: "POST" });
    await api(`/api/channels/${channel.slug}/messages`, { token: author.token, body: { content: "You are all hopeless" } });

    // The student: message menu -> Report -> reason -> sent.
    const s = await open(student);
    await visit(s.page, `/chat/${channel.slug}`);
    const line = s.page.getByTestId("chat-message").filter({ hasText: "You are all hopeless" });
    await line.hover();
    await line.getByRole("button", { name: "Report" }).click();
    const dialog = s.page.getByRole("dialog", { name: "Report this message" });
    await dialog.getByLabel("Reason").fill("Insulting the class");
    await snap(s.page, "admin", "report-dialog", {}, false);
    await dialog.getByRole("button", { name: "Send report" }).click();
    await s.page.getByText("Thank you. The administrators will look at it.").waitFor();
    // Students have no way to /admin.
    await s.page.getByRole("button", { name: /account menu$/ }).click();
    expect(await s.page.getByTestId("admin-link").count()).toBe(0);
    s.errors.assertClean();

    // The administrator: the header menu leads to /admin; the report shows the message in context.
    const a = await open(admin);
    await visit(a.page, "/");
    await a.page.getByRole("button", { name: /account menu$/ }).click();
    await a.page.getByTestId("admin-link").click();
    await a.page.waitForURL(`${baseUrl()}/admin`);
    await visit(a.page, "/admin/reports");
    const card = a.page.getByTestId("admin-report").filter({ hasText: "Insulting the class" });
    await card.getByText("You are all hopeless").waitFor();
    await card.getByText(`In #${channel.slug}`).waitFor();
    await snap(a.page, "admin", "reports");
    await card.getByRole("button", { name: "Delete the message" }).click();
    await a.page.getByText("Report resolved.").waitFor();
    await card.waitFor({ state: "detached" });
    const history = await api(`/api/channels/${channel.slug}/messages`, { token: student.token });
    expect(history.body.messages.at(-1)).toMatchObject({ deleted: true, content: null });

    // Deactivate the author: confirm, the badge, and their token is dead at once.
    await visit(a.page, "/admin");
    await a.page.getByPlaceholder("Search by name, username or email").fill(author.username);
    const row = a.page.getByTestId(`admin-user-${author.username}`);
    await a.page.getByTestId("admin-users").locator("li").first().filter({ hasText: author.username }).waitFor();
    await row.getByRole("button", { name: "Actions for Rude Raymond" }).click();
    await a.page.getByRole("button", { name: "Deactivate", exact: true }).click();
    await a.page.getByRole("dialog", { name: "Deactivate Rude Raymond?" }).getByRole("button", { name: "Deactivate" }).click();
    await row.getByText("Deactivated", { exact: true }).waitFor();
    expect((await api("/api/me", { token: author.token })).status).toBe(401);
    const signIn = await api("/api/auth/token", { body: { username: author.username, password: author.password } });
    expect(signIn.body.code).toBe("ACCOUNT_DEACTIVATED");
    await snap(a.page, "admin", "users");

    await visit(a.page, "/admin/audit");
    await a.page.getByTestId("admin-audit").getByText(`deactivated the account · @${author.username}`).waitFor();
    a.errors.assertClean();
  });

  it("signing in to a deactivated account says so on /signin", async () => {
    const user = await createUser({ name: "Switched Off" });
    const admins = await api(`/api/admin/users?q=${user.username}`, { token: admin.token });
    expect(admins.body.users).toHaveLength(1);
    await api(`/api/admin/users/${user.id}`, { method: "PATCH", body: { deactivated: true }, token: admin.token });
    const context = await tb.context({ baseURL: baseUrl() });
    const page = await context.newPage();
    await visit(page, "/signin");
    await page.getByLabel("Email or username").fill(user.username);
    await page.getByLabel("Password", { exact: true }).fill(user.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByText("This account has been deactivated. Contact your school’s administrators.").waitFor();
  });

  it("screenshots: /admin pages at desktop and phone width, light and dark, English and French", async () => {
    await createUser({ name: "Élise Laurent", role: "student" });
    const variants: { viewport: Viewport; scheme: Scheme; locale: string }[] = [
      { viewport: "desktop", scheme: "light", locale: "en-US" },
      { viewport: "phone", scheme: "dark", locale: "en-US" },
      { viewport: "desktop", scheme: "dark", locale: "fr-FR" },
      { viewport: "phone", scheme: "light", locale: "fr-FR" },
    ];
    for (const v of variants) {
      const { page, errors } = await open(admin, v);
      for (const [path, name] of [
        ["/admin", "users"],
        ["/admin/requests", "requests"],
        ["/admin/reports", "reports"],
        ["/admin/audit", "audit"],
      ] as const) {
        await visit(page, path);
        await page.getByRole("heading", { name: "Administration", level: 1 }).waitFor();
        await page.locator("[data-testid^=admin-], main p").first().waitFor();
        // The lists load after the page: the screenshot shows them loaded, not the spinner.
        await page.waitForFunction(() => !document.querySelector("main .animate-spin"));
        if (name === "users") await page.getByTestId("admin-users").locator("li").first().waitFor();
        await snap(page, "admin", `${name}-${v.locale.slice(0, 2)}`, v);
      }
      errors.assertClean();
    }
  });
});
