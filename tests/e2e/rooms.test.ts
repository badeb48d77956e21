// Two people in two browsers: one creates a room, the other joins by code; they chat, watch,
// react and take a note. Screenshots land in test-results/rooms/.
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { baseUrl, createUser, signInWithCookie, watchErrors } from "./helpers/app";
import { launchBrowser, snap, visit, type TestBrowser } from "./helpers/browser";

// The YouTube iframe API cannot be reached from this machine: the page must say so, not break.
const OFFLINE_YOUTUBE = [/youtube\.com|ytimg|ERR_NAME_NOT_RESOLVED|ERR_INTERNET_DISCONNECTED|ERR_CONNECTION/];

let tb: TestBrowser;
beforeAll(async () => {
  tb = await launchBrowser();
});
afterAll(async () => {
  await tb?.close();
});

async function signedIn(name: string, options: Parameters<TestBrowser["context"]>[0] = {}) {
  const user = await createUser({ name });
  const context = await tb.context({ baseURL: baseUrl(), ...options });
  await signInWithCookie(context, user);
  const page = await context.newPage();
  return { user, page, errors: watchErrors(page, OFFLINE_YOUTUBE) };
}

const people = (page: Page) => page.getByTestId("room-people");

describe("rooms in the browser", () => {
  it("create, join by code, chat, watch, react and take a note together", async () => {
    const a = await signedIn("Camille Host");
    const b = await signedIn("Louis Guest");

    await visit(a.page, "/rooms");
    await snap(a.page, "rooms", "list-empty");
    await a.page.getByLabel("Room name").fill("Revision night");
    await a.page.getByRole("button", { name: "Create room" }).click();
    await a.page.waitForURL(/\/rooms\/[a-z0-9]{8}$/);
    const code = await a.page.getByTestId("room-code").innerText();
    expect(code).toMatch(/^[a-z0-9]{8}$/);
    await a.page.getByRole("heading", { name: "Revision night" }).waitFor();

    // B joins with the code typed in capitals (input is case-insensitive).
    await visit(b.page, "/rooms");
    await b.page.getByLabel("Room code").fill(code.toUpperCase());
    await b.page.getByRole("button", { name: "Join", exact: true }).click();
    await b.page.waitForURL(new RegExp(`/rooms/${code}$`));
    await b.page.getByRole("heading", { name: "Revision night" }).waitFor();

    // Chat both ways, live.
    await a.page.getByLabel("Message the room").fill("Bonjour Louis !");
    await a.page.keyboard.press("Enter");
    await b.page.getByTestId("room-messages").getByText("Bonjour Louis !").waitFor();
    await b.page.getByLabel("Message the room").fill("Salut Camille");
    await b.page.getByRole("button", { name: "Send" }).click();
    await a.page.getByTestId("room-messages").getByText("Salut Camille").waitFor();

    // Who is here.
    await a.page.getByRole("tab", { name: /People/ }).click();
    await people(a.page).getByText("Louis Guest").waitFor();
    await snap(a.page, "rooms", "chat-host");

    // Photos: the host switches mode, the guest adds an image, both see the same photo.
    expect(await b.page.getByRole("tab", { name: "Photos" }).isDisabled()).toBe(true);
    await a.page.getByRole("tab", { name: "Photos" }).click();
    await b.page.getByTestId("photo-stage").waitFor();
    const image = await sharp({ create: { width: 640, height: 400, channels: 3, background: "#4f46e5" } }).png().toBuffer();
    await b.page.locator('input[type="file"]').first().setInputFiles({ name: "slide.png", mimeType: "image/png", buffer: image });
    const shownA = a.page.getByTestId("photo-stage").locator("img[data-photo-id]");
    const shownB = b.page.getByTestId("photo-stage").locator("img[data-photo-id]");
    await shownA.waitFor();
    await shownB.waitFor();
    expect(await shownA.getAttribute("data-photo-id")).toBe(await shownB.getAttribute("data-photo-id"));
    await a.page.getByTestId("photo-queue").waitFor();
    await snap(a.page, "rooms", "photos-host");

    // Reactions under the slideshow fly over it on both screens, every one of a quick burst.
    for (let i = 0; i < 3; i++) await a.page.getByRole("button", { name: "React with 👏" }).click();
    await a.page.getByTestId("photo-stage").locator("text=👏").first().waitFor();
    await b.page.waitForFunction(() => [...document.querySelectorAll('[data-testid="photo-stage"] span')].filter((e) => e.textContent === "👏").length >= 3);

    // Only the host switches the mode; everyone follows.
    expect(await b.page.getByRole("tab", { name: "YouTube" }).isDisabled()).toBe(true);
    await a.page.getByRole("tab", { name: "YouTube" }).click();
    await b.page.getByLabel("YouTube link or video id").waitFor();
    await b.page.getByLabel("YouTube link or video id").fill("not a video");
    await b.page.getByRole("button", { name: "Load video" }).click();
    await b.page.getByText("That is not a YouTube link or video id.").waitFor();
    await b.page.getByLabel("YouTube link or video id").fill("https://youtu.be/dQw4w9WgXcQ?t=95");
    await b.page.getByRole("button", { name: "Load video" }).click();
    // Offline here: the player says it is unavailable, and the room position is shown, for both.
    await a.page.getByTestId("player-unavailable").waitFor({ timeout: 20_000 });
    await b.page.getByTestId("player-unavailable").waitFor({ timeout: 20_000 });
    expect(await a.page.getByTestId("player-unavailable").innerText()).toContain("1:35");

    // A reaction flies on the other screen.
    await a.page.getByRole("button", { name: "React with 🎉" }).click();
    await b.page.locator("text=🎉").first().waitFor();

    // A note taken by B appears live in A's notes, stamped with the room's position.
    await b.page.getByRole("tab", { name: /Notes/ }).click();
    await b.page.getByLabel("Write a note…").fill("Definition importante");
    await b.page.getByRole("button", { name: "Add note" }).click();
    await a.page.getByRole("tab", { name: /Notes/ }).click();
    const note = a.page.getByTestId("room-notes").getByText("Definition importante");
    await note.waitFor();
    expect(await a.page.getByTestId("room-notes").innerText()).toContain("1:35");
    await snap(a.page, "rooms", "youtube-notes-host");
    await snap(b.page, "rooms", "youtube-guest");

    a.errors.assertClean();
    b.errors.assertClean();
  });

  it("looks right on a phone and in dark mode, and the list shows the room", async () => {
    const phone = await signedIn("Nina Phone", { viewport: "phone", scheme: "dark" });
    await visit(phone.page, "/rooms");
    await phone.page.getByLabel("Room name").fill("Bio lab");
    await phone.page.getByRole("button", { name: "Create room" }).click();
    await phone.page.waitForURL(/\/rooms\/[a-z0-9]{8}$/);
    await phone.page.getByLabel("Message the room").fill("Hello from my phone");
    await phone.page.keyboard.press("Enter");
    await phone.page.getByTestId("room-messages").getByText("Hello from my phone").waitFor();
    await snap(phone.page, "rooms", "room", { viewport: "phone", scheme: "dark" });
    await visit(phone.page, "/rooms");
    await phone.page.getByTestId("room-list").getByText("Bio lab").waitFor();
    await snap(phone.page, "rooms", "list", { viewport: "phone", scheme: "dark" });
    phone.errors.assertClean();
  });
});
