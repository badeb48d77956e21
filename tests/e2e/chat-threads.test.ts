// Chat section 10 in the browser: the status menu in the header, and the status dot contacts see.
// Screenshots land in test-results/chat-status/ (desktop and phone, light and dark, English and French).
// Below `md` the header has no account menu: the status sits in the menu button's panel.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dm } from "../helpers/chat";
import { createUser, signedInPage, type TestUser } from "./helpers/app";
import { launchBrowser, snap, visit, type Scheme, type TestBrowser, type Viewport } from "./helpers/browser";

let tb: TestBrowser;
beforeAll(async () => {
  tb = await launchBrowser();
});
afterAll(async () => {
  await tb?.close();
});

const signedIn = (user: TestUser, options: Parameters<TestBrowser["context"]>[0] = {}) => signedInPage(tb, user, options);

describe("chat status in the browser", () => {
  it("do not disturb chosen from the header's menu shows as a red dot to a contact, automatic turns it green again", async () => {
    const alice = await createUser({ name: "Alice Martin" });
    const bob = await createUser({ name: "Bob Leroy" });
    await dm(alice, bob.id, "Bonjour");
    const a = await signedIn(alice);
    const b = await signedIn(bob);
    await visit(b.page, `/chat/dm/${alice.id}`);
    // The conversation's header (not the app's, which holds Bob's own avatar).
    const threadHeader = b.page.locator("header", { has: b.page.getByTestId("thread-title") });
    const aliceDot = threadHeader.locator("[data-status]");
    await visit(a.page, "/chat");
    await threadHeader.locator('[data-status="online"]').waitFor();

    await a.page.getByRole("button", { name: "Alice Martin, account menu" }).click();
    const menu = a.page.getByTestId("status-menu");
    await menu.waitFor();
    expect(await menu.getByRole("button", { name: /Automatic/ }).getAttribute("aria-pressed")).toBe("true");
    await snap(a.page, "chat-status", "menu", {}, false);
    await menu.getByRole("button", { name: /Do not disturb/ }).click();
    await threadHeader.locator('[data-status="dnd"]').waitFor();
    expect(await aliceDot.getAttribute("data-status")).toBe("dnd");
    await threadHeader.getByText("Do not disturb").waitFor();
    // Alice's own avatar in the header shows it too.
    await a.page.locator('header [data-status="dnd"]').first().waitFor();
    await snap(b.page, "chat-status", "contact-dnd");

    await a.page.getByRole("button", { name: "Alice Martin, account menu" }).click();
    await a.page
      .getByTestId("status-menu")
      .getByRole("button", { name: /Automatic/ })
      .click();
    await threadHeader.locator('[data-status="online"]').waitFor();
    a.errors.assertClean();
    b.errors.assertClean();
  });

  it("the status menu in dark and in French", async () => {
    const user = await createUser({ name: "Camille Dupont" });
    const variants: { viewport: Viewport; scheme: Scheme; locale: string; label: string }[] = [
      // The account menu lives in the desktop header; phones have the status in the menu button's panel (next test).
      { viewport: "desktop", scheme: "dark", locale: "en-US", label: "Camille Dupont, account menu" },
      { viewport: "desktop", scheme: "light", locale: "fr-FR", label: "Camille Dupont, menu du compte" },
    ];
    for (const v of variants) {
      const { page, errors } = await signedIn(user, v);
      await visit(page, "/chat");
      await page.getByRole("button", { name: v.label }).click();
      await page.getByTestId("status-menu").waitFor();
      if (v.locale === "fr-FR") await page.getByTestId("status-menu").getByText("Ne pas déranger").waitFor();
      await snap(page, "chat-status", `menu-${v.locale}`, v, false);
      errors.assertClean();
      await page.context().close();
    }
  });

  it("on a phone the status is chosen in the menu button's panel, light and dark", async () => {
    const user = await createUser({ name: "Dana Petit" });
    const open = async (scheme: Scheme) => {
      const v = { viewport: "phone" as Viewport, scheme };
      const { page, errors } = await signedIn(user, v);
      await visit(page, "/chat");
      expect(await page.getByRole("button", { name: "Dana Petit, account menu" }).isVisible()).toBe(false);
      const menuButton = page.getByRole("button", { name: "Open menu" });
      return { page, errors, v, menuButton };
    };

    // Light: do not disturb, chosen with the thumb; the panel closes, and shows it when reopened.
    const light = await open("light");
    await light.menuButton.click();
    let menu = light.page.getByTestId("status-menu");
    await menu.waitFor();
    const dnd = menu.getByRole("button", { name: /Do not disturb/ });
    expect((await dnd.boundingBox())!.height).toBeGreaterThanOrEqual(44); // a touch target
    expect(await menu.getByRole("button", { name: /Automatic/ }).getAttribute("aria-pressed")).toBe("true");
    await dnd.click();
    await menu.waitFor({ state: "detached" });
    await light.page.getByRole("button", { name: "Open menu" }).click();
    menu = light.page.getByTestId("status-menu");
    await menu.getByRole("button", { name: /Do not disturb/, pressed: true }).waitFor();
    // The avatar beside the name shows it too (its dot, not the status buttons, which carry data-status as well).
    await light.page.locator('header span[data-status="dnd"]:visible').first().waitFor();
    await snap(light.page, "chat-status", "menu", light.v, false);
    light.errors.assertClean();
    await light.page.context().close();

    // Dark, in a new session: the choice was kept; automatic again.
    const dark = await open("dark");
    await dark.menuButton.click();
    menu = dark.page.getByTestId("status-menu");
    await menu.getByRole("button", { name: /Do not disturb/, pressed: true }).waitFor();
    await snap(dark.page, "chat-status", "menu", dark.v, false);
    await menu.getByRole("button", { name: /Automatic/ }).click();
    await dark.page.getByRole("button", { name: "Open menu" }).click();
    await dark.page
      .getByTestId("status-menu")
      .getByRole("button", { name: /Automatic/, pressed: true })
      .waitFor();
    dark.errors.assertClean();
    await dark.page.context().close();
  });
});
