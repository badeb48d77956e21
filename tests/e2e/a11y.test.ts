// Accessibility: axe-core on every page type, light and dark, signed out and signed in (student
// and instructor), rooms in each mode and closed. The suite fails on any serious or critical
// violation; every violation found (moderate ones too) is listed in test-results/a11y/.
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { api, baseUrl, createUser, signInWithCookie, watchErrors, type TestUser } from "./helpers/app";
import { axeProblems } from "./helpers/axe";
import { launchBrowser, visit, type Scheme, type TestBrowser } from "./helpers/browser";
import { seedRoom, type SeededRoom } from "./helpers/rooms";
import { createChannel, say, dm } from "../helpers/chat";
import { createMeeting } from "../helpers/meetings";

const OFFLINE_YOUTUBE = [/youtube\.com|ytimg|ERR_NAME_NOT_RESOLVED|ERR_INTERNET_DISCONNECTED|ERR_CONNECTION/];
const SCHEMES: Scheme[] = ["light", "dark"];

let tb: TestBrowser;
let student: TestUser;
let classmate: TestUser;
let instructor: TestUser;
let room: SeededRoom;
let closed: SeededRoom;
let meetingId: string;

beforeAll(async () => {
  tb = await launchBrowser();
  [student, classmate, instructor] = await Promise.all([
    createUser({ name: "Camille Dupont" }),
    createUser({ name: "Louis Bernard" }),
    createUser({ name: "Ada Lovelace", role: "instructor" }),
  ]);
  room = await seedRoom(student, [classmate], {
    name: "Linear algebra revision",
    messages: 12,
    notes: ["Transpose first", "Base case n = 1"],
  });
  closed = await seedRoom(student, [classmate], { name: "Last week's session", messages: 6, notes: ["Exam: chapters 1 to 4"] });
  expect((await api(`/api/rooms/${closed.code}/close`, { token: student.token, method: "POST" })).status).toBe(200);
  meetingId = (await createMeeting(instructor, [student])).id;
});
afterAll(async () => {
  await tb?.close();
});

async function open(scheme: Scheme, user?: TestUser) {
  const context = await tb.context({ baseURL: baseUrl(), scheme });
  if (user) await signInWithCookie(context, user);
  await context.addCookies([{ name: "m2g-tz", value: encodeURIComponent("Europe/Paris"), url: baseUrl() }]);
  const page = await context.newPage();
  return { page, errors: watchErrors(page, OFFLINE_YOUTUBE) };
}

/** Visits each page, waits for what shows it is there, runs axe; returns every problem found. */
async function audit(page: Page, scheme: Scheme, pages: { name: string; path: string; ready: (page: Page) => Promise<unknown> }[]) {
  const problems: string[] = [];
  for (const p of pages) {
    await visit(page, p.path);
    await p.ready(page);
    problems.push(...(await axeProblems(page, `${p.name} (${scheme})`)));
  }
  return problems;
}

const h1 = (name: string | RegExp) => (page: Page) => page.getByRole("heading", { name, level: 1 }).waitFor();

/** The host switches the room to `mode` and waits for its stage. */
async function roomMode(page: Page, mode: "Chat" | "Photos" | "YouTube") {
  const tab = page.getByRole("tablist", { name: "Room mode" }).getByRole("tab", { name: mode });
  if ((await tab.getAttribute("aria-selected")) !== "true") await tab.click();
  await page.waitForFunction((m) => document.querySelector(`[role=tablist] [aria-selected=true]`)?.textContent === m, mode);
}

describe("axe: no serious or critical violation", () => {
  for (const scheme of SCHEMES) {
    it(`signed out, ${scheme}`, async () => {
      const { page, errors } = await open(scheme);
      const problems = await audit(page, scheme, [
        { name: "landing", path: "/", ready: h1("Your campus, together in one place") },
        { name: "signin", path: "/signin", ready: h1("Welcome back") },
        { name: "signup", path: "/signup", ready: h1("Create your account") },
      ]);
      expect(problems, problems.join("\n")).toEqual([]);
      errors.assertClean();
    });

    it(`a student's pages, rooms in each mode and closed, ${scheme}`, async () => {
      const { page, errors } = await open(scheme, student);
      const problems = await audit(page, scheme, [
        { name: "home", path: "/", ready: h1("Hello, Camille Dupont") },
        { name: "rooms", path: "/rooms", ready: (p) => p.getByTestId("room-list").waitFor() },
        { name: "profile", path: "/profile", ready: h1("Your profile") },
        { name: "meetings", path: "/meetings", ready: (p) => p.getByTestId(`meeting-${meetingId}`).waitFor() },
        { name: "api-docs", path: "/docs/api", ready: h1("Mem2gether API") },
        { name: "not-found", path: "/no-such-page", ready: h1("Page not found") },
        { name: "closed-room", path: `/rooms/${closed.code}`, ready: (p) => p.getByTestId("closed-room").waitFor() },
      ]);

      await visit(page, `/rooms/${room.code}`);
      await page.getByTestId("room-messages").getByText("Could someone share the link").first().waitFor();
      await roomMode(page, "Chat");
      problems.push(...(await axeProblems(page, `room-chat (${scheme})`)));
      await roomMode(page, "Photos");
      await page.getByTestId("photo-stage").waitFor();
      if (!(await page.locator("img[data-photo-id]").count())) {
        const image = await sharp({ create: { width: 640, height: 400, channels: 3, background: "#0f766e" } })
          .png()
          .toBuffer();
        await page.locator('input[type="file"]').first().setInputFiles({ name: "board.png", mimeType: "image/png", buffer: image });
        await page.getByTestId("photo-stage").locator("img[data-photo-id]").waitFor();
      }
      problems.push(...(await axeProblems(page, `room-photos (${scheme})`)));
      await roomMode(page, "YouTube");
      if (!(await page.getByTestId("player-unavailable").count())) {
        await page.getByLabel("YouTube link or video id").fill("https://youtu.be/dQw4w9WgXcQ?t=95");
        await page.getByRole("button", { name: "Play now" }).click();
      }
      await page.getByTestId("player-unavailable").waitFor({ timeout: 20_000 });
      problems.push(...(await axeProblems(page, `room-youtube (${scheme})`)));

      expect(problems, problems.join("\n")).toEqual([]);
      errors.assertClean();
    });

    it(`an instructor's meetings pages, ${scheme}`, async () => {
      const { page, errors } = await open(scheme, instructor);
      const problems = await audit(page, scheme, [
        { name: "dashboard-meetings", path: "/dashboard/meetings", ready: (p) => p.getByTestId(`meeting-${meetingId}`).waitFor() },
        { name: "meeting", path: `/dashboard/meetings/${meetingId}`, ready: (p) => p.getByTestId("meeting-status").waitFor() },
        { name: "meeting-new", path: "/dashboard/meetings/new", ready: h1("New meeting") },
      ]);
      expect(problems, problems.join("\n")).toEqual([]);
      errors.assertClean();
    });
  }
});

describe("axe on the chat pages", () => {
  let slug: string;
  beforeAll(async () => {
    slug = (await createChannel(student, { name: "Algebra study", type: "public" })).slug;
    for (const line of ["Hello all", "Exercise 3 anyone?", "Yes, after lunch"]) await say(student, slug, line);
    await dm(classmate, student.id, "Are you free at 5?");
  });
  for (const scheme of SCHEMES) {
    it(`a channel and a direct message, ${scheme}`, async () => {
      const { page, errors } = await open(scheme, student);
      const problems = await audit(page, scheme, [
        { name: "chat-channel", path: `/chat/${slug}`, ready: (p) => p.getByText("Yes, after lunch").first().waitFor() },
        { name: "chat-dm", path: `/chat/dm/${classmate.id}`, ready: (p) => p.getByText("Are you free at 5?").first().waitFor() },
      ]);
      expect(problems, problems.join("\n")).toEqual([]);
      errors.assertClean();
    });
  }
});
