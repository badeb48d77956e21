// Account recovery in a real browser: /signin -> /forgot-password -> the mail (read from the test
// SMTP server) -> /reset-password -> sign in with the new password. Screenshots in
// test-results/password-reset/ (desktop and phone, light and dark, English and French).
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { api, baseUrl, createUser, watchErrors } from "./helpers/app";
import { launchBrowser, snap, visit, type Scheme, type TestBrowser, type Viewport } from "./helpers/browser";
import { resetToken, waitForMails } from "../helpers/mail";

let tb: TestBrowser;
beforeAll(async () => {
  tb = await launchBrowser();
});
afterAll(async () => {
  await tb?.close();
});

describe("password reset pages", () => {
  it("asks for the link from /signin, resets with it once, and signs in with the new password", async () => {
    const user = await createUser({ name: "Reset Me" });
    const context = await tb.context({ baseURL: baseUrl() });
    const page = await context.newPage();
    const errors = watchErrors(page);

    await visit(page, "/signin");
    await page.getByRole("link", { name: "Forgot your password?" }).click();
    await page.getByRole("heading", { name: "Forgot your password?" }).waitFor();
    await page.getByLabel("Email").fill(user.email);
    await page.getByRole("button", { name: "Send the link" }).click();
    await page.getByText(`If an account uses ${user.email}`).waitFor();
    await snap(page, "password-reset", "forgot-sent");

    const [mail] = await waitForMails(inject("smtpDir"), user.email);
    const token = resetToken(mail!);
    await visit(page, `/reset-password?token=${token}`);
    await page.getByLabel("New password", { exact: true }).fill("a brand new password");
    await page.getByLabel("Confirm the new password").fill("another one");
    await page.getByRole("button", { name: "Save the new password" }).click();
    await page.getByText("The passwords do not match").waitFor();
    await page.getByLabel("Confirm the new password").fill("a brand new password");
    await page.getByRole("button", { name: "Save the new password" }).click();
    await page.getByText("Your password was changed.").waitFor();
    await snap(page, "password-reset", "reset-done");
    expect((await api("/api/auth/token", { body: { email: user.email, password: "a brand new password" } })).status).toBe(200);

    errors.assertClean();

    // The same link again: refused, with a way to ask for a new one.
    await visit(page, `/reset-password?token=${token}`);
    await page.getByLabel("New password", { exact: true }).fill("yet another password");
    await page.getByLabel("Confirm the new password").fill("yet another password");
    await page.getByRole("button", { name: "Save the new password" }).click();
    await page.getByRole("link", { name: "Ask for a new link" }).waitFor();
    await snap(page, "password-reset", "reset-used");
  });

  it("renders both pages at desktop and phone width, light and dark, in English and French", async () => {
    const variants: { viewport: Viewport; scheme: Scheme; locale: string }[] = [
      { viewport: "desktop", scheme: "light", locale: "en-US" },
      { viewport: "phone", scheme: "dark", locale: "en-US" },
      { viewport: "desktop", scheme: "dark", locale: "fr-FR" },
      { viewport: "phone", scheme: "light", locale: "fr-FR" },
    ];
    for (const v of variants) {
      const context = await tb.context({ ...v, baseURL: baseUrl() });
      const page = await context.newPage();
      const lang = v.locale.slice(0, 2);
      await visit(page, "/forgot-password");
      await page.getByRole("heading", { name: lang === "fr" ? "Mot de passe oublié ?" : "Forgot your password?" }).waitFor();
      await snap(page, "password-reset", `forgot-${lang}`, v);
      await visit(page, "/reset-password?token=x");
      await page.getByRole("heading", { name: lang === "fr" ? "Choisissez un nouveau mot de passe" : "Choose a new password" }).waitFor();
      await snap(page, "password-reset", `reset-${lang}`, v);
      await context.close();
    }
    // Production: the development outbox page does not exist.
    expect((await fetch(`${baseUrl()}/dev/mail`)).status).toBe(404);
  });
});
