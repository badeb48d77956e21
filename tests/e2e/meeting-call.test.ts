// /meetings/:id/call in Chromium. This machine reaches no Jitsi server, so the IFrame API cannot
// load: the page must say so and offer the link, and the join must already count (as it would
// behind a school's filter). The adapter itself is tested in tests/unit/call-session.test.ts.
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

describe("the embedded call", () => {
  it("falls back to the link when the call cannot load, with the join counted", async () => {
    const teacher = await createUser({ role: "instructor", name: "Prof Martin" });
    const student = await createUser({ name: "Chloé Bernard" });
    const created = await api("/api/meetings", {
      token: teacher.token,
      body: {
        title: "Linear algebra, week 3",
        scheduled_date: new Date(Date.now() + 3_600_000).toISOString(),
        duration: 60,
        student_ids: [student.id],
      },
    });
    const id = created.body.meeting.id as string;
    expect((await api(`/api/meetings/${id}/start`, { method: "POST", token: teacher.token })).status).toBe(200);

    const variants: { viewport: Viewport; scheme: Scheme; locale: string }[] = [
      { viewport: "desktop", scheme: "light", locale: "en-US" },
      { viewport: "phone", scheme: "dark", locale: "fr-FR" },
    ];
    for (const v of variants) {
      const context = await tb.context({ baseURL: baseUrl(), ...v });
      await signInWithCookie(context, student);
      const page = await context.newPage();
      // The unreachable Jitsi script is expected to fail to load; nothing else may.
      const errors = watchErrors(page, [/external_api\.js|ERR_NAME_NOT_RESOLVED|net::ERR/]);
      await visit(page, "/meetings");
      await page.getByTestId("join-in-page").click();
      await page.waitForURL(new RegExp(`/meetings/${id}/call$`));
      const call = page.getByTestId("meeting-call");
      await call.and(page.locator('[data-phase="fallback"]')).waitFor({ timeout: 20_000 });
      const link = page.getByTestId("call-fallback-link");
      expect(await link.getAttribute("href")).toMatch(/^https:\/\/[^/]+\/\S+$/);
      const view = await api(`/api/meetings/${id}`, { token: student.token });
      expect(view.body.meeting.in_meeting).toBe(true);
      await snap(page, "meeting-call", `fallback-${v.viewport}-${v.scheme}-${v.locale.slice(0, 2)}`, v, false);
      errors.assertClean();
      await context.close();
    }
  });
});
