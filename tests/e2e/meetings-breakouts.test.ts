// Breakout groups in Chromium: the instructor starts random groups from the meeting's page; a
// student's open call page moves to their group's call (and back when the groups end), another
// student's meetings page shows "Your group". No Jitsi is reachable here: the call page shows its
// fallback link, which names the call it joined.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, baseUrl, createUser, signedInPage, signInWithCookie, watchErrors } from "./helpers/app";
import { launchBrowser, snap, visit, type TestBrowser } from "./helpers/browser";

let tb: TestBrowser;
beforeAll(async () => {
  tb = await launchBrowser();
});
afterAll(async () => {
  await tb?.close();
});

const JITSI_NOISE = [/external_api\.js|ERR_NAME_NOT_RESOLVED|net::ERR/];

describe("breakout groups", () => {
  it("the instructor starts random groups; students' open pages move to their group and back", async () => {
    const teacher = await createUser({ role: "instructor", name: "Prof Martin" });
    const [chloe, hugo] = await Promise.all([createUser({ name: "Chloé Bernard" }), createUser({ name: "Hugo Petit" })]);
    const created = await api("/api/meetings", {
      token: teacher.token,
      body: {
        title: "Linear algebra, week 3",
        scheduled_date: new Date(Date.now() + 3_600_000).toISOString(),
        duration: 60,
        student_ids: [chloe.id, hugo.id],
      },
    });
    const id = created.body.meeting.id as string;
    expect((await api(`/api/meetings/${id}/start`, { method: "POST", token: teacher.token })).status).toBe(200);

    // Chloé is in the main call (phone, dark, French); Hugo has his meetings page open.
    const callContext = await tb.context({ baseURL: baseUrl(), viewport: "phone", scheme: "dark", locale: "fr-FR" });
    await signInWithCookie(callContext, chloe);
    const onCall = { page: await callContext.newPage() };
    // The unreachable Jitsi script is expected to fail to load; nothing else may.
    const callErrors = watchErrors(onCall.page, JITSI_NOISE);
    await visit(onCall.page, `/meetings/${id}/call`);
    const call = onCall.page.getByTestId("meeting-call");
    await call.and(onCall.page.locator('[data-phase="fallback"]')).waitFor();
    const mainLink = await onCall.page.getByTestId("call-fallback-link").getAttribute("href");
    expect(mainLink).toMatch(new RegExp(`${created.body.meeting.meeting_id}$`));

    const meetings = await signedInPage(tb, hugo, { viewport: "desktop", scheme: "dark", locale: "en-US" });
    await visit(meetings.page, "/meetings");
    await meetings.page.getByTestId(`meeting-${id}`).waitFor();

    // The instructor on a phone (light, French) looks at forming groups by hand...
    const phone = await signedInPage(tb, teacher, { viewport: "phone", scheme: "light", locale: "fr-FR" });
    await visit(phone.page, `/dashboard/meetings/${id}`);
    await phone.page.getByText("À la main").click();
    await phone.page.getByRole("combobox", { name: "Groupe de Hugo Petit" }).waitFor();
    await snap(phone.page, "meetings-breakouts", "by-hand-fr", { viewport: "phone", scheme: "light" });

    // ...and starts two groups at random from the desktop (light, English).
    const desk = await signedInPage(tb, teacher, { viewport: "desktop", scheme: "light", locale: "en-US" });
    await visit(desk.page, `/dashboard/meetings/${id}`);
    await desk.page.getByTestId("breakouts-panel").waitFor();
    await snap(desk.page, "meetings-breakouts", "form-en", { viewport: "desktop", scheme: "light" });
    await desk.page.getByTestId("start-breakouts").click();
    await desk.page.getByTestId("breakout-group").nth(1).waitFor();
    expect(await desk.page.getByTestId("breakout-group").count()).toBe(2);
    await snap(desk.page, "meetings-breakouts", "running-en", { viewport: "desktop", scheme: "light" });
    await desk.page.emulateMedia({ colorScheme: "dark" });
    await visit(desk.page, `/dashboard/meetings/${id}`);
    await desk.page.getByTestId("breakout-group").nth(1).waitFor();
    await snap(desk.page, "meetings-breakouts", "running-en", { viewport: "desktop", scheme: "dark" });

    // Chloé's call page moved to her group's call.
    await onCall.page.getByTestId("call-group").waitFor();
    await call.and(onCall.page.locator('[data-phase="fallback"]')).waitFor();
    const groupLink = await onCall.page.getByTestId("call-fallback-link").getAttribute("href");
    expect(groupLink).toMatch(new RegExp(`^${mainLink}-[a-z0-9]{6}$`));
    expect(await onCall.page.getByTestId("call-group").textContent()).toMatch(/groupe de travail Group [12]/);
    await snap(onCall.page, "meetings-breakouts", "call-in-group-fr", { viewport: "phone", scheme: "dark" }, false);

    // Hugo's page shows his group, with a way in.
    await meetings.page.getByTestId("my-breakout").waitFor();
    expect(await meetings.page.getByTestId("my-breakout").textContent()).toContain("Your group: Group");
    await snap(meetings.page, "meetings-breakouts", "student-group-en", { viewport: "desktop", scheme: "dark" });

    // The phone follows live, and ends all groups.
    await phone.page.getByTestId("breakout-group").nth(1).waitFor();
    await phone.page.getByTestId("breakouts-panel").scrollIntoViewIfNeeded();
    await snap(phone.page, "meetings-breakouts", "running-fr", { viewport: "phone", scheme: "light" });
    await phone.page.getByTestId("end-breakouts").click();
    await phone.page.getByRole("dialog").getByRole("button", { name: "Terminer tous les groupes" }).click();
    await phone.page.getByTestId("start-breakouts").waitFor();

    // Back in the main call, and the group notice gone.
    await onCall.page.getByTestId("call-back").waitFor();
    await call.and(onCall.page.locator('[data-phase="fallback"]')).waitFor();
    expect(await onCall.page.getByTestId("call-fallback-link").getAttribute("href")).toBe(mainLink);
    await snap(onCall.page, "meetings-breakouts", "call-back-fr", { viewport: "phone", scheme: "dark" }, false);
    await meetings.page.getByTestId("my-breakout").waitFor({ state: "detached" });

    // Being moved to the group and back was no leave: Chloé is still in the meeting.
    expect((await api(`/api/meetings/${id}`, { token: chloe.token })).body.meeting.in_meeting).toBe(true);
    callErrors.assertClean();
    meetings.errors.assertClean();
    desk.errors.assertClean();
    phone.errors.assertClean();
  });
});
