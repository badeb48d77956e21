// Meetings in a real browser: an instructor schedules a meeting for two students with the form,
// one student accepts, the instructor starts it, the student joins (video call in a new tab,
// the companion room in this one) and leaves, and the instructor's attendance panel follows it
// all live; then the meeting ends. Screenshots in test-results/meetings/, main pages on desktop
// and phone, light and dark.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { fromLocalInput } from "../../lib/meetings/time";
import { api, baseUrl, createUser, signInWithCookie, watchErrors, type TestUser } from "./helpers/app";
import { launchBrowser, snap, visit, type Scheme, type TestBrowser, type Viewport } from "./helpers/browser";

const GROUP = "meetings";
let tb: TestBrowser;
let prof: TestUser;
let zoe: TestUser;
let ben: TestUser;

beforeAll(async () => {
  tb = await launchBrowser();
  [prof, zoe, ben] = await Promise.all([
    createUser({ role: "instructor", name: "Ada Lovelace" }),
    createUser({ role: "student", name: "Zoé Martin" }),
    createUser({ role: "student", name: "Ben Okafor" }),
  ]);
});
afterAll(async () => {
  await tb?.close();
});

/** A signed-in context in Paris time (the zone the pages format dates in comes from this cookie). */
async function open(user: TestUser, variant: { viewport?: Viewport; scheme?: Scheme; locale?: string } = {}) {
  const context = await tb.context({ baseURL: baseUrl(), ...variant });
  await signInWithCookie(context, user);
  await context.addCookies([{ name: "m2g-tz", value: encodeURIComponent("Europe/Paris"), url: baseUrl() }]);
  // The video call is an external site: a stand-in answers for it.
  await context.route("https://meet.jit.si/**", (route) =>
    route.fulfill({ contentType: "text/html", body: "<title>Video call</title><h1>Video call</h1>" }),
  );
  const page = await context.newPage();
  return { context, page, errors: watchErrors(page) };
}

/** Tomorrow at 10:00 in Paris, as the date-time picker takes it, and the instant it means. */
function tomorrowAtTen() {
  const day = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris", year: "numeric", month: "2-digit", day: "2-digit" }).format(
    new Date(Date.now() + 86_400_000),
  );
  return `${day}T10:00`;
}

async function pickStudent(page: Page, student: TestUser, name: string) {
  const search = page.getByRole("combobox", { name: /Invite students/ });
  await search.fill(student.username);
  await page.getByRole("option", { name: new RegExp(name) }).click();
  await page.getByTestId(`chip-${student.username}`).waitFor();
}

const attendee = (page: Page, user: TestUser) => page.getByTestId(`attendee-${user.username}`);

describe("meetings: schedule, answer, run, attend", () => {
  let meetingId = "";
  let roomId = "";

  it("an instructor schedules a meeting for two students; one accepts; it starts; the student joins and leaves; the instructor sees it live", async () => {
    const teacher = await open(prof);
    const { page } = teacher;

    // An empty dashboard leads to the form.
    await visit(page, "/dashboard/meetings");
    await page.getByRole("heading", { name: "Meetings", level: 1 }).waitFor();
    await page.getByText("No upcoming meetings").waitFor();
    await snap(page, GROUP, "dashboard-empty");
    await page.getByRole("link", { name: "New meeting" }).first().click();
    await page.getByRole("heading", { name: "New meeting", level: 1 }).waitFor();

    // Submitting empty: the shared schema's messages under the fields.
    await page.getByLabel("Duration", { exact: true }).fill("0");
    await page.getByRole("button", { name: "Schedule the meeting" }).click();
    await page.getByText("Please correct the highlighted fields.").waitFor();
    await page.getByText("This field is required").first().waitFor();
    await page.getByText("Must be at least 1").waitFor();
    await snap(page, GROUP, "new-errors");

    await page.getByLabel("Title").fill("Machine Learning Basics");
    await page.getByLabel("Description").fill("Linear models and gradient descent.\nBring your notebook.");
    await page.getByLabel("Date and time").fill(tomorrowAtTen());
    await page.getByRole("button", { name: "45 min" }).click();
    expect(await page.getByLabel("Duration", { exact: true }).inputValue()).toBe("45");
    // The student search: by name or username, a list to pick from.
    await page.getByRole("combobox", { name: /Invite students/ }).fill(zoe.username);
    await page.getByRole("option", { name: /Zoé Martin/ }).waitFor();
    await page.getByTestId("student-search").evaluate((el) => el.scrollIntoView({ block: "center" }));
    await snap(page, GROUP, "new-search", {}, false);
    await page.getByRole("combobox", { name: /Invite students/ }).press("Enter");
    await page.getByTestId(`chip-${zoe.username}`).waitFor();
    await pickStudent(page, ben, "Ben Okafor");
    // Chips can be removed again (and put back).
    await page.getByRole("button", { name: "Remove Ben Okafor" }).click();
    expect(await page.getByTestId(`chip-${ben.username}`).count()).toBe(0);
    await pickStudent(page, ben, "Ben Okafor");
    await page.getByText("2 students invited").waitFor();
    await snap(page, GROUP, "new-filled");

    await page.getByRole("button", { name: "Schedule the meeting" }).click();
    await page.waitForURL((url) => /^\/dashboard\/meetings\/[a-z0-9]+$/.test(url.pathname) && !url.pathname.endsWith("/new"));
    meetingId = page.url().split("/").pop()!;
    await page.getByRole("heading", { name: "Machine Learning Basics", level: 1 }).waitFor();
    await page.getByText("Meeting scheduled").waitFor();
    // The time as picked, in the viewer's zone; the invitees with no answer yet.
    await page.getByText("10:00 AM–10:45 AM").first().waitFor();
    await expect.poll(() => attendee(page, zoe).getAttribute("data-status")).toBe("invited");
    const stored = await api(`/api/meetings/${meetingId}`, { token: prof.token });
    expect(stored.body.meeting).toMatchObject({ title: "Machine Learning Basics", duration: 45, status: "scheduled" });
    expect(stored.body.meeting.scheduled_date).toBe(fromLocalInput(tomorrowAtTen(), "Europe/Paris")!.toISOString());
    roomId = stored.body.meeting.room_id;
    expect(roomId).toMatch(/^[a-z0-9]{8}$/);
    expect(stored.body.meeting.participants.map((p: { student_id: string }) => p.student_id).sort()).toEqual([zoe.id, ben.id].sort());
    await snap(page, GROUP, "detail-scheduled");

    // Zoé sees the invitation and accepts; the instructor's panel follows.
    const student = await open(zoe, { viewport: "phone" });
    await visit(student.page, "/meetings");
    const invitation = student.page.getByTestId(`meeting-${meetingId}`);
    await student.page.getByRole("heading", { name: "Invitations" }).waitFor();
    await invitation.getByText("With Ada Lovelace").waitFor();
    await snap(student.page, GROUP, "student-invitation", { viewport: "phone" });
    await invitation.getByRole("button", { name: "Accept" }).click();
    await student.page.getByText("Invitation accepted").waitFor();
    await invitation.getByText("Accepted").waitFor();
    await expect.poll(() => attendee(page, zoe).getAttribute("data-status")).toBe("accepted");
    await page.getByText("1 accepted · 0 declined · 1 no answer").waitFor();

    // The instructor starts it a day early: the confirmation warns and names the planned time.
    await page.getByRole("button", { name: "Start meeting" }).click();
    const confirm = page.getByRole("dialog", { name: "Start this meeting early?" });
    await confirm.waitFor();
    expect(await confirm.innerText()).toMatch(/It is scheduled for .*10:00 AM \((in \d+ hours|tomorrow|in 1 day)\)/);
    await snap(page, GROUP, "start-confirm", {}, false);
    await confirm.getByRole("button", { name: "Start it now anyway" }).click();
    await page.getByText("The meeting has started").waitFor();
    await page.getByRole("heading", { name: "Live attendance" }).waitFor();
    expect(await page.getByTestId("meeting-status").innerText()).toBe("Live");
    // Its time is now the actual start, with the plan kept in view.
    const startedAt = (await api(`/api/meetings/${meetingId}`, { token: prof.token })).body.meeting.started_at as string;
    const paris = (d: string, o: Intl.DateTimeFormatOptions) =>
      new Intl.DateTimeFormat("en-US", { timeZone: "Europe/Paris", ...o }).format(new Date(d));
    const whenText = await page.getByTestId("meeting-when").innerText();
    expect(whenText).toContain(paris(startedAt, { weekday: "long", day: "numeric", month: "long" }));
    expect(whenText).toContain(paris(startedAt, { hour: "numeric", minute: "2-digit" }));
    expect(whenText).not.toContain("10:00 AM–10:45 AM");
    expect(await page.getByTestId("meeting-planned").innerText()).toMatch(/^planned for .*10:00 AM$/i);

    // Zoé's page offers Join without a reload; joining opens the call and the meeting's room.
    const join = student.page.getByTestId(`meeting-${meetingId}`).getByRole("button", { name: "Join", exact: true });
    await join.waitFor();
    await student.page.getByRole("heading", { name: "Happening now" }).waitFor();
    await snap(student.page, GROUP, "student-live", { viewport: "phone" });
    const popup = student.context.waitForEvent("page");
    await join.click();
    const call = await popup;
    await call.waitForURL(/^https:\/\/meet\.jit\.si\/Mem2gether-/);
    expect(call.url()).toBe(stored.body.meeting.meeting_link);
    await student.page.waitForURL(`${baseUrl()}/rooms/${roomId}`);
    await call.close();
    // The room says it is the meeting's, leads back to the call, and leaving it leaves the meeting.
    const banner = student.page.getByTestId("meeting-banner");
    await banner.getByText("Machine Learning Basics").waitFor();
    expect(await banner.getByRole("link", { name: "Back to the video call" }).getAttribute("href")).toBe(stored.body.meeting.meeting_link);
    await student.page.getByRole("button", { name: "Leave the meeting" }).waitFor();
    expect(await student.page.getByRole("button", { name: "Leave room" }).count()).toBe(0);
    expect(await student.page.getByTestId("mode-hint").innerText()).toBe("Only the host (Ada Lovelace) switches the mode");
    await snap(student.page, GROUP, "student-room", { viewport: "phone" });

    // Live on the instructor's side: Zoé is in the meeting.
    await expect.poll(() => attendee(page, zoe).getAttribute("data-present"), { timeout: 15_000 }).toBe("true");
    await page.getByText("1 of 2 in the meeting").waitFor();
    expect(await attendee(page, zoe).getAttribute("data-status")).toBe("attended");
    expect(await attendee(page, ben).getAttribute("data-status")).toBe("invited");
    // Joining the meeting entered its room.
    expect((await api(`/api/rooms/${roomId}`, { token: zoe.token })).status).toBe(200);
    await snap(page, GROUP, "detail-live");

    // Zoé leaves from her meetings page; the panel shows it.
    await visit(student.page, "/meetings");
    const card = student.page.getByTestId(`meeting-${meetingId}`);
    await card.getByText("You are in this meeting").waitFor();
    await card.getByRole("button", { name: "Leave the meeting" }).click();
    await student.page.getByText("You left the meeting").waitFor();
    await card.getByRole("button", { name: "Join", exact: true }).waitFor();
    await expect.poll(() => attendee(page, zoe).getAttribute("data-present"), { timeout: 15_000 }).toBe("false");
    await page.getByText("0 of 2 in the meeting").waitFor();
    expect(await attendee(page, zoe).innerText()).not.toContain("—"); // joined and left times are shown

    // The instructor ends it: Ben, who never came, is absent.
    await page.getByRole("button", { name: "End meeting" }).click();
    await page.getByRole("dialog", { name: "End this meeting?" }).getByRole("button", { name: "End meeting" }).click();
    await page.getByText("The meeting has ended").waitFor();
    expect(await page.getByTestId("meeting-status").innerText()).toBe("Ended");
    await expect.poll(() => attendee(page, ben).getAttribute("data-status")).toBe("absent");
    await page.getByText("1 of 2 attended").waitFor();
    await snap(page, GROUP, "detail-ended");

    // Zoé's page moves it to the past, with her attendance and the room's notes.
    const past = student.page.getByTestId("past-meetings").getByTestId(`meeting-${meetingId}`);
    await past.getByTestId("my-attendance").waitFor();
    expect(await past.getByTestId("my-attendance").innerText()).toMatch(/^You attended for/);
    expect(await past.getByRole("link", { name: "Meeting room" }).getAttribute("href")).toBe(`/rooms/${roomId}`);
    await snap(student.page, GROUP, "student-past", { viewport: "phone" });

    teacher.errors.assertClean();
    student.errors.assertClean();
  });

  it("the dashboard lists it with its attendance, exports included; the home page lists the next meetings", async () => {
    const { page, errors } = await open(prof);
    const upcoming = await api("/api/meetings", {
      token: prof.token,
      body: {
        title: "Office hours",
        scheduled_date: new Date(Date.now() + 3 * 86_400_000).toISOString(),
        duration: 30,
        student_ids: [zoe.id],
      },
    });
    expect(upcoming.status).toBe(201);
    await visit(page, "/dashboard/meetings");
    const row = page.getByTestId("past-meetings").getByTestId(`meeting-${meetingId}`);
    await row.getByText("1 of 2 attended").waitFor();
    await page.getByTestId("upcoming-meetings").getByText("Office hours").waitFor();
    await visit(page, `/dashboard/meetings/${meetingId}`);
    const csv = page.getByRole("link", { name: "Attendance (CSV)" });
    expect(await csv.getAttribute("href")).toBe(`/api/meetings/${meetingId}/attendance?format=csv`);
    const download = page.waitForEvent("download");
    await csv.click();
    const file = await download;
    expect(file.suggestedFilename()).toBe("attendance-machine-learning-basics.csv");
    expect(await page.getByRole("link", { name: "Calendar file (.ics)" }).getAttribute("href")).toBe(`/api/meetings/${meetingId}/ics`);
    expect(await page.getByRole("link", { name: "Open the room" }).getAttribute("href")).toBe(`/rooms/${roomId}`);

    await visit(page, "/");
    const card = page.getByTestId("home-meetings");
    await card.getByRole("link", { name: "Office hours" }).waitFor();
    expect(await card.getByRole("link", { name: "Machine Learning Basics" }).count()).toBe(0); // over
    errors.assertClean();
  });

  it("role checks: a student gets the instructors-only page; an instructor's /meetings is the dashboard", async () => {
    const student = await open(zoe);
    await visit(student.page, "/dashboard/meetings");
    await student.page.getByRole("heading", { name: "For instructors only", level: 1 }).waitFor();
    await snap(student.page, GROUP, "instructors-only");
    await visit(student.page, `/dashboard/meetings/${meetingId}`);
    await student.page.getByRole("heading", { name: "For instructors only", level: 1 }).waitFor();
    const other = await open(await createUser({ role: "instructor" }));
    await visit(other.page, `/dashboard/meetings/${meetingId}`);
    await other.page.getByRole("heading", { name: "This meeting is not yours", level: 1 }).waitFor();
    const teacher = await open(prof);
    await visit(teacher.page, "/meetings");
    expect(new URL(teacher.page.url()).pathname).toBe("/dashboard/meetings");
    student.errors.assertClean();
    other.errors.assertClean();
    teacher.errors.assertClean();
  });
});

describe("meetings in French", () => {
  it("the pages speak French, with dates in French", async () => {
    const student = await open(zoe, { locale: "fr-FR" });
    await visit(student.page, "/meetings");
    await student.page.getByRole("heading", { name: "Mes réunions", level: 1 }).waitFor();
    await student.page.getByText("Avec Ada Lovelace").first().waitFor();
    await snap(student.page, GROUP, "student-fr");
    const teacher = await open(prof, { locale: "fr-FR", viewport: "phone" });
    await visit(teacher.page, "/dashboard/meetings");
    await teacher.page.getByRole("heading", { name: "Réunions", level: 1 }).waitFor();
    await teacher.page.getByText("Passées").waitFor();
    await snap(teacher.page, GROUP, "dashboard-fr", { viewport: "phone" });
    student.errors.assertClean();
    teacher.errors.assertClean();
  });
});

describe("meetings pages on phones and in dark mode", () => {
  const VARIANTS: { viewport: Viewport; scheme: Scheme }[] = [
    { viewport: "desktop", scheme: "light" },
    { viewport: "desktop", scheme: "dark" },
    { viewport: "phone", scheme: "light" },
    { viewport: "phone", scheme: "dark" },
  ];
  let live: { id: string };

  beforeAll(async () => {
    // Something in every section: a live meeting with someone in it, an invitation, a past one.
    const create = async (title: string, inHours: number, students: TestUser[]) =>
      (
        await api("/api/meetings", {
          token: prof.token,
          body: {
            title,
            scheduled_date: new Date(Date.now() + inHours * 3_600_000).toISOString(),
            duration: 60,
            student_ids: students.map((s) => s.id),
          },
        })
      ).body.meeting;
    live = await create("Statistics review — chapter 4", 0.02, [zoe, ben]);
    await create("Reading group", 30, [zoe, ben]);
    await api(`/api/meetings/${live.id}/start`, { method: "POST", token: prof.token });
    await api(`/api/meetings/${live.id}/join`, { method: "POST", token: zoe.token });
  });

  for (const variant of VARIANTS) {
    it(`render on ${variant.viewport} in ${variant.scheme} mode`, async () => {
      const teacher = await open(prof, variant);
      const student = await open(zoe, variant);
      const shots: [Page, string, string, string][] = [
        [teacher.page, "/dashboard/meetings", "Meetings", "dashboard"],
        [teacher.page, `/dashboard/meetings/${live.id}`, "Statistics review — chapter 4", "detail"],
        [teacher.page, "/dashboard/meetings/new", "New meeting", "form"],
        [student.page, "/meetings", "My meetings", "student"],
        [student.page, "/", "Hello, Zoé Martin", "home-student"],
      ];
      for (const [page, path, heading, name] of shots) {
        await visit(page, path);
        await page.getByRole("heading", { name: heading, level: 1 }).waitFor();
        await snap(page, GROUP, name, variant);
      }
      // Nothing wider than the screen on a phone.
      for (const page of [teacher.page, student.page]) {
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(overflow).toBeLessThanOrEqual(0);
      }
      teacher.errors.assertClean();
      student.errors.assertClean();
      await Promise.all([teacher.context.close(), student.context.close()]);
    });
  }
});
