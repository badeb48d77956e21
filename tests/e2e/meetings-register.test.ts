// The course register in a real browser: the instructor's grid (sticky names, a long grid that
// scrolls sideways on a phone), overriding a cell with a note in the dialog, the CSV link, the
// meeting form's course picker, and a student's own record on /meetings. The sessions are set up
// through the API (real start/join/end calls, times moved into the past in the database).
// Screenshots in test-results/meetings-register/: desktop and phone, light and dark, EN and FR.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createChannel } from "../helpers/chat";
import { action, createMeeting, inDays, testDb } from "../helpers/meetings";
import { api, createUser, signedInPage, type TestUser } from "./helpers/app";
import { axeProblems } from "./helpers/axe";
import { launchBrowser, snap, visit, type Scheme, type TestBrowser, type Viewport } from "./helpers/browser";

const GROUP = "meetings-register";
let tb: TestBrowser;
let prof: TestUser;
let students: TestUser[];
let course: { slug: string; name: string };
let upcoming: Record<string, any>;

const NAMES = ["Zoé Martin", "Ben Okafor", "Chiara Bianchi-Castellano", "Dmitri Volkov", "Emma Schmidt", "Farah Haddad"];

beforeAll(async () => {
  tb = await launchBrowser();
  [prof, ...students] = await Promise.all([
    createUser({ role: "instructor", name: "Ada Lovelace" }),
    ...NAMES.map((name) => createUser({ role: "student", name })),
  ]);
  course = await createChannel(prof, { name: "Linear Algebra 101", type: "course", member_ids: students.map((s) => s.id) });
  // Six held sessions (a week apart, into the past) and one upcoming: who joins when varies.
  for (let week = 6; week >= 1; week--) {
    const m = await createMeeting(prof, students, {
      title: `Lecture ${7 - week}: ${["Vectors", "Matrices", "Determinants", "Eigenvalues", "Projections", "SVD"][6 - week]}`,
      scheduled_date: new Date().toISOString(),
      course: course.slug,
    });
    await action(prof, m.id, "start");
    const joined = students.filter((_, i) => (i + week) % 5 !== 0); // the others are absent
    for (const s of joined) {
      await action(s, m.id, "join");
      await action(s, m.id, "leave");
    }
    await action(prof, m.id, "end");
    // The real calls happened just now: move the session's timeline `week` weeks back, a
    // 90-minute lecture, every third join 25 minutes after the start (late).
    const start = new Date(Date.now() - week * 7 * 86_400_000);
    const at = (minutes: number) => new Date(start.getTime() + minutes * 60_000);
    await testDb().meeting.update({ where: { id: m.id }, data: { scheduledDate: start, startedAt: start, endedAt: at(90) } });
    for (const [i, s] of joined.entries()) {
      const from = (i * week) % 3 === 1 ? 25 : 1 + (i % 4);
      const to = 90 - ((i * 7 + week) % 12);
      await testDb().meetingParticipant.update({
        where: { meetingId_studentId: { meetingId: m.id, studentId: s.id } },
        data: { firstJoinedAt: at(from), joinedAt: at(from), leftAt: at(to), attendedSeconds: (to - from) * 60 },
      });
    }
  }
  upcoming = await createMeeting(prof, students, { title: "Lecture 7: Review", scheduled_date: inDays(3), course: course.slug });
}, 300_000);

afterAll(async () => {
  await tb?.close();
});

async function open(user: TestUser, variant: { viewport?: Viewport; scheme?: Scheme; locale?: string } = {}) {
  return signedInPage(tb, user, variant);
}

describe("course register", () => {
  it("the instructor reads the grid, overrides a cell with a note, and downloads it; the student sees their record", async () => {
    // Desktop, light, English: the grid, the dialog, the override.
    const { page, errors } = await open(prof);
    await visit(page, "/dashboard/meetings");
    // Each session's card names its course.
    await page.getByTestId("meeting-course-tag").first().waitFor();
    expect(await page.getByTestId("meeting-course-tag").first().textContent()).toContain(course.name);
    await page.getByTestId("open-register").click();
    await page.getByRole("heading", { name: "Course register", level: 1 }).waitFor();
    const grid = page.getByTestId("register-grid");
    await grid.waitFor();
    expect(await page.getByTestId("register-session").count()).toBe(7);
    expect(await page.locator("[data-testid^='register-row-']").count()).toBe(NAMES.length);
    expect(await page.getByTestId("register-csv").getAttribute("href")).toBe(`/api/channels/${course.slug}/attendance?format=csv`);
    await snap(page, GROUP, "grid", {});
    expect(await axeProblems(page, "register grid")).toEqual([]);

    const zoeRow = page.getByTestId(`register-row-${students[0]!.username}`);
    const firstCell = zoeRow.getByTestId("register-cell").first();
    await firstCell.click();
    const dialog = page.getByTestId("register-dialog");
    await dialog.waitFor();
    await dialog.getByLabel("Excused").check();
    await dialog.getByLabel(/Note/).fill("Medical certificate received");
    await snap(page, GROUP, "override-dialog", {}, false);
    expect(await axeProblems(page, "register dialog")).toEqual([]);
    await page.getByRole("button", { name: "Save" }).click();
    await dialog.waitFor({ state: "detached" });
    expect(await firstCell.getAttribute("data-status")).toBe("excused");
    expect(await firstCell.getAttribute("title")).toBe("Medical certificate received");
    errors.assertClean();

    // The open grid follows the course's meetings: a session renamed elsewhere shows its new title.
    const renamed = await api(`/api/meetings/${upcoming.id}`, {
      method: "PUT",
      token: prof.token,
      body: { title: "Lecture 7: Review and Q&A" },
    });
    expect(renamed.status).toBe(200);
    await page.getByTestId("register-session").filter({ hasText: "Review and Q&A" }).waitFor();
    expect(await page.getByTestId("register-session").count()).toBe(7);

    // The meeting form offers the course and links to its register.
    await visit(page, "/dashboard/meetings/new");
    await page.getByTestId("meeting-course").selectOption(course.slug);
    await page.getByTestId("course-register-link").waitFor();
    // "Invite the students of …" lists every student member of the course, once.
    await page.getByTestId("invite-course").click();
    await page.getByText(`${NAMES.length} students of ${course.name} added`).waitFor();
    for (const s of students) await page.getByTestId(`chip-${s.username}`).waitFor();
    expect(await page.locator("[data-testid^='chip-']").count()).toBe(NAMES.length);
    await page.getByTestId("invite-course").click();
    await page.getByText(`Every student of ${course.name} is already invited`).waitFor();
    expect(await page.locator("[data-testid^='chip-']").count()).toBe(NAMES.length);
    await snap(page, GROUP, "form-course-picker");

    // Dark desktop, then phones: the long grid scrolls sideways under the sticky names.
    for (const variant of [
      { viewport: "desktop", scheme: "dark", locale: "en-US" },
      { viewport: "phone", scheme: "light", locale: "en-US" },
      { viewport: "phone", scheme: "dark", locale: "fr-FR" },
    ] as const) {
      const v = await open(prof, variant);
      await visit(v.page, "/dashboard/register");
      const g = v.page.getByTestId("register-grid");
      await g.waitFor();
      if (variant.locale === "fr-FR") await v.page.getByRole("heading", { name: "Registre du cours", level: 1 }).waitFor();
      await snap(v.page, GROUP, `grid-${variant.locale.slice(0, 2)}`, variant);
      if (variant.viewport === "phone") {
        const { scrollWidth, clientWidth } = await g.evaluate((el) => ({ scrollWidth: el.scrollWidth, clientWidth: el.clientWidth }));
        expect(scrollWidth).toBeGreaterThan(clientWidth);
        // Only the grid scrolls: the page itself is no wider than the phone.
        expect(await v.page.evaluate(() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth))).toBeLessThanOrEqual(
          390,
        );
        await g.evaluate((el) => el.scrollTo({ left: el.scrollWidth }));
        // The names stay in view.
        const name = v.page.getByTestId(`register-row-${students[0]!.username}`).locator("th");
        const box = (await name.boundingBox())!;
        expect(box.x).toBeGreaterThanOrEqual(0);
        expect(box.x).toBeLessThan(30);
        await snap(v.page, GROUP, `grid-scrolled-${variant.locale.slice(0, 2)}`, variant, false);
      }
      v.errors.assertClean();
    }

    // The student's own record, desktop light English and phone dark French.
    const zoe = students[0]!;
    const mine = (await api("/api/meetings/my/register", { token: zoe.token })).body.courses[0];
    for (const variant of [
      { viewport: "desktop", scheme: "light", locale: "en-US" },
      { viewport: "phone", scheme: "dark", locale: "fr-FR" },
    ] as const) {
      const s = await open(zoe, variant);
      await visit(s.page, "/meetings");
      const record = s.page.getByTestId(`my-register-${course.slug}`);
      await record.waitFor();
      const shown = await record.getByTestId("my-register-percentage").textContent();
      expect(shown?.replace(/\s/g, " ")).toContain(String(Math.round(mine.totals.percentage)));
      await record.scrollIntoViewIfNeeded();
      await snap(s.page, GROUP, `student-${variant.locale.slice(0, 2)}`, variant, false);
      expect(await axeProblems(s.page, `student record ${variant.scheme}`)).toEqual([]);
      s.errors.assertClean();
    }
  });
});
