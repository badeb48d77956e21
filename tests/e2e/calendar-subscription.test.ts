// The "Subscribe" dialog of the meetings pages: a secret feed address, shown with a copy button;
// a new one stops the previous. Screenshots in test-results/calendar/.
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

describe("calendar subscription", () => {
  it("gives a student a feed address that works alone, and a new one that replaces it", async () => {
    const student = await createUser({ name: "Camille Petit" });
    const variants: { viewport: Viewport; scheme: Scheme; locale: string }[] = [
      { viewport: "desktop", scheme: "light", locale: "en-US" },
      { viewport: "phone", scheme: "dark", locale: "fr-FR" },
    ];
    let previous: string | null = null;
    for (const v of variants) {
      const context = await tb.context({ baseURL: baseUrl(), ...v });
      await signInWithCookie(context, student);
      const page = await context.newPage();
      const errors = watchErrors(page);
      await visit(page, "/meetings");
      await page.getByTestId("calendar-subscribe").click();
      const dialog = page.getByRole("dialog");
      // The dialog opens on "Create" each time; a second address replaces the first.
      await dialog.getByRole("button", { name: /Create my address|Créer mon adresse/ }).click();
      const code = dialog.getByTestId("calendar-subscription").locator("code");
      await code.waitFor();
      const url = (await code.textContent())!.trim();
      expect(url).toMatch(/\/api\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
      const feed = await fetch(url.replace(/^https?:\/\/[^/]+/, baseUrl()));
      expect(feed.status).toBe(200);
      expect(await feed.text()).toMatch(/^BEGIN:VCALENDAR/);
      if (previous) expect((await api(new URL(previous).pathname)).status).toBe(404);
      previous = url;
      await snap(page, "calendar", `subscribe-${v.viewport}-${v.scheme}-${v.locale.slice(0, 2)}`, v, false);
      errors.assertClean();
      await context.close();
    }
  });
});
