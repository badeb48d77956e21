// The "Tokens" section of /profile: create a personal access token, see its secret once, use it,
// revoke it. Screenshots in test-results/api-tokens/ (desktop and phone, light and dark, EN and FR).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, baseUrl, createUser, signInWithCookie, watchErrors } from "./helpers/app";
import { launchBrowser, snap, visit, type Scheme, type TestBrowser, type Viewport } from "./helpers/browser";

let tb: TestBrowser;
beforeAll(async () => {
  tb = await launchBrowser();
});
afterAll(async () => {
  await tb?.close();
});

describe("personal access tokens on /profile", () => {
  it("creates a token shown once, which works until it is revoked", async () => {
    const user = await createUser({ name: "Script Author" });
    const context = await tb.context({ baseURL: baseUrl() });
    await signInWithCookie(context, user);
    const page = await context.newPage();
    const errors = watchErrors(page);
    await visit(page, "/profile");
    const section = page.getByTestId("api-tokens");
    await section.getByText("No tokens yet.").waitFor();

    const form = page.getByTestId("api-token-form");
    await form.getByRole("button", { name: "Create token" }).click();
    await form.getByText("Give the token a name").waitFor();
    await form.getByLabel("Token name").fill("Attendance export");
    await form.getByRole("checkbox", { name: /chat:write/ }).check();
    await form.getByRole("button", { name: "Create token" }).click();
    const secretBox = page.getByTestId("api-token-secret");
    await secretBox.getByText("“Attendance export” is ready").waitFor();
    const secret = (await secretBox.locator("code").textContent())!.trim();
    expect(secret).toMatch(/^m2g_pat_/);
    await expect.poll(() => section.getByTestId("api-token").count()).toBe(1);
    await section.getByTestId("api-token").getByText("never used").waitFor();
    await snap(page, "api-tokens", "created");

    // The secret works for reading, and not for what it was not given.
    expect((await api("/api/me", { token: secret })).body.user.id).toBe(user.id);
    expect((await api("/api/rooms", { token: secret, body: { name: "No" } })).body.code).toBe("INSUFFICIENT_SCOPE");
    // Shown once: after "Done" and a reload it is nowhere on the page.
    await secretBox.getByRole("button", { name: "Done" }).click();
    await visit(page, "/profile");
    await section
      .getByTestId("api-token")
      .getByText(/last used/)
      .waitFor();
    expect(await page.content()).not.toContain(secret);

    await section.getByRole("button", { name: "Revoke Attendance export" }).click();
    await page.getByText("“Attendance export” revoked").waitFor();
    await section.getByText("No tokens yet.").waitFor();
    expect((await api("/api/me", { token: secret })).status).toBe(401);
    errors.assertClean();
  });

  it("renders at desktop and phone width, light and dark, in English and French", async () => {
    const user = await createUser({ name: "Élise Laurent" });
    await api("/api/tokens", {
      token: user.token,
      body: { name: "Export des présences", scopes: ["read", "meetings:write"], expires_in_days: 90 },
    });
    const variants: { viewport: Viewport; scheme: Scheme; locale: string }[] = [
      { viewport: "desktop", scheme: "light", locale: "en-US" },
      { viewport: "phone", scheme: "dark", locale: "en-US" },
      { viewport: "desktop", scheme: "dark", locale: "fr-FR" },
      { viewport: "phone", scheme: "light", locale: "fr-FR" },
    ];
    for (const v of variants) {
      const context = await tb.context({ baseURL: baseUrl(), ...v });
      await signInWithCookie(context, user);
      const page = await context.newPage();
      const errors = watchErrors(page);
      await visit(page, "/profile");
      const section = page.getByTestId("api-tokens");
      await section.getByTestId("api-token").first().waitFor();
      await section.scrollIntoViewIfNeeded();
      await snap(page, "api-tokens", `section-${v.locale.slice(0, 2)}`, v, false);
      errors.assertClean();
      await context.close();
    }
  });
});
