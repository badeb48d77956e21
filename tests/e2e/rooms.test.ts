// Two people in two browsers: one creates a room, the other joins by code; they chat, watch,
// react and take a note. Screenshots land in test-results/rooms/.
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { api, baseUrl, createUser, signInWithCookie, watchErrors, type TestUser } from "./helpers/app";
import { launchBrowser, snap, visit, type Scheme, type TestBrowser, type Viewport } from "./helpers/browser";
import { seedRoom } from "./helpers/rooms";

// The YouTube iframe API cannot be reached from this machine: the page must say so, not break.
const OFFLINE_YOUTUBE = [/youtube\.com|ytimg|ERR_NAME_NOT_RESOLVED|ERR_INTERNET_DISCONNECTED|ERR_CONNECTION/];

let tb: TestBrowser;
beforeAll(async () => {
  tb = await launchBrowser();
});
afterAll(async () => {
  await tb?.close();
});

async function signedIn(name: string | TestUser, options: Parameters<TestBrowser["context"]>[0] = {}) {
  const user = typeof name === "string" ? await createUser({ name }) : name;
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
    // The greyed tabs say why, in words.
    expect(await b.page.getByTestId("mode-hint").innerText()).toBe("Only the host (Camille Host) switches the mode");
    expect(await a.page.getByTestId("mode-hint").count()).toBe(0);
    await a.page.getByRole("tab", { name: "Photos" }).click();
    await b.page.getByTestId("photo-stage").waitFor();
    const image = await sharp({ create: { width: 640, height: 400, channels: 3, background: "#4f46e5" } })
      .png()
      .toBuffer();
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
    await b.page.waitForFunction(
      () => [...document.querySelectorAll('[data-testid="photo-stage"] span')].filter((e) => e.textContent === "👏").length >= 3,
    );

    // Only the host switches the mode; everyone follows.
    expect(await b.page.getByRole("tab", { name: "YouTube" }).isDisabled()).toBe(true);
    await a.page.getByRole("tab", { name: "YouTube" }).click();
    await b.page.getByLabel("YouTube link or video id").waitFor();
    await b.page.getByLabel("YouTube link or video id").fill("not a video");
    await b.page.getByRole("button", { name: "Play now" }).click();
    await b.page.getByText("That is not a YouTube link or video id.").waitFor();
    await b.page.getByLabel("YouTube link or video id").fill("https://youtu.be/dQw4w9WgXcQ?t=95");
    await b.page.getByRole("button", { name: "Play now" }).click();
    // Offline here: the player says it is unavailable, and the room position is shown, for both.
    await a.page.getByTestId("player-unavailable").waitFor({ timeout: 20_000 });
    await b.page.getByTestId("player-unavailable").waitFor({ timeout: 20_000 });
    expect(await a.page.getByTestId("player-unavailable").innerText()).toContain("1:35");
    // It names the video it cannot play, and the position is shown once.
    expect(await a.page.getByTestId("loaded-video").innerText()).toContain("youtu.be/dQw4w9WgXcQ");
    expect(await a.page.getByText(/Room position/).count()).toBe(1);

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
    // Nothing to export before the first note.
    await phone.page.getByRole("tab", { name: /Notes/ }).click();
    await phone.page.getByText("No notes yet").waitFor();
    expect(await phone.page.getByText("Export as Markdown").count()).toBe(0);
    await phone.page.getByRole("tab", { name: /Chat/ }).last().click();
    await phone.page.getByLabel("Message the room").fill("Hello from my phone");
    await phone.page.keyboard.press("Enter");
    await phone.page.getByTestId("room-messages").getByText("Hello from my phone").waitFor();
    await snap(phone.page, "rooms", "room", { viewport: "phone", scheme: "dark" });
    // A 32-character name is cut short in the list, never pushing the page sideways.
    const long = "Révisions d'algèbre linéaire L2A";
    expect(long).toHaveLength(32);
    expect((await api("/api/rooms", { token: phone.user.token, body: { name: long } })).status).toBe(201);
    await visit(phone.page, "/rooms");
    await phone.page.getByTestId("room-list").getByText("Bio lab").waitFor();
    await phone.page.getByTestId("room-list").getByText(long).waitFor();
    expect(await phone.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    // The rows' text lines up with the card's heading.
    const headingX = (await phone.page.getByRole("heading", { name: "My rooms" }).boundingBox())!.x;
    const rowX = (await phone.page.getByTestId("room-list").locator("li a > span").first().boundingBox())!.x;
    expect(Math.abs(rowX - headingX)).toBeLessThanOrEqual(1);
    await snap(phone.page, "rooms", "list", { viewport: "phone", scheme: "dark" });
    phone.errors.assertClean();
  });
});

describe("a room of ten", () => {
  const NOTES = [
    "Definition of a basis: spans and independent",
    "Exam: chapters 1 to 4",
    "Transpose before multiplying",
    "Base case n = 1",
    "Ask about exercise 7",
  ];
  const VARIANTS: { viewport: Viewport; scheme: Scheme; locale: string }[] = [
    { viewport: "desktop", scheme: "light", locale: "en-US" },
    { viewport: "desktop", scheme: "dark", locale: "fr-FR" },
    { viewport: "phone", scheme: "light", locale: "fr-FR" },
    { viewport: "phone", scheme: "dark", locale: "en-US" },
  ];
  let host: TestUser;
  let code = "";

  beforeAll(async () => {
    const names = [
      "Camille Host",
      "Louis Bernard",
      "Zoé Martin",
      "Ben Okafor",
      "Inès Roy",
      "Hugo Lefèvre",
      "Amira Haddad",
      "Jules Moreau",
      "Léa Petit",
      "Noah Garcia",
    ];
    const [first, ...others] = await Promise.all(names.map((name) => createUser({ name })));
    host = first!;
    code = (await seedRoom(host, others, { name: "Linear algebra: revision before the midterm", messages: 40, notes: NOTES })).code;
  });

  for (const v of VARIANTS) {
    it(`shows ten people, a long chat that scrolls inside its panel and the notes (${v.viewport}, ${v.scheme}, ${v.locale})`, async () => {
      const s = await signedIn(host, { viewport: v.viewport, scheme: v.scheme, locale: v.locale });
      // The desktop screenshots are taken at 1280x800.
      if (v.viewport === "desktop") await s.page.setViewportSize({ width: 1280, height: 800 });
      await visit(s.page, `/rooms/${code}`);
      const list = s.page.getByTestId("room-messages");
      await list.getByText("Could someone share the link to the problem sheet?").last().waitFor();
      expect(await list.locator("li").count()).toBe(40);
      // The history scrolls inside its panel and opens at the newest message.
      const box = await list.evaluate((el) => ({ scroll: el.scrollHeight, client: el.clientHeight, top: el.scrollTop }));
      expect(box.scroll).toBeGreaterThan(box.client);
      expect(box.top + box.client).toBeGreaterThanOrEqual(box.scroll - 2);
      // Reachable from the keyboard (a scrolling region must be focusable).
      await list.focus();
      expect(await list.evaluate((el) => el === document.activeElement)).toBe(true);
      await list.blur();
      const width = v.viewport === "phone" ? 390 : 1280;
      expect(await s.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      const tag = `ten-${v.locale.slice(0, 2)}`;
      await snap(s.page, "rooms", `${tag}-chat`, v);
      await s.page
        .getByTestId("room-view")
        .getByRole("tab", { name: /^(People|Personnes)/ })
        .click();
      expect(await people(s.page).locator("li").count()).toBe(10);
      await snap(s.page, "rooms", `${tag}-people`, v);
      await s.page
        .getByTestId("room-view")
        .getByRole("tab", { name: /^Notes/ })
        .click();
      expect(await s.page.getByTestId("room-notes").locator("li").count()).toBe(NOTES.length);
      await snap(s.page, "rooms", `${tag}-notes`, v);
      s.errors.assertClean();
    });
  }
});

describe("a closed room", () => {
  it("stays readable, read-only, for the people who were in it; others only learn it is closed", async () => {
    const [hostUser, guestUser, outsider] = await Promise.all([
      createUser({ name: "Camille Host" }),
      createUser({ name: "Louis Guest" }),
      createUser({ name: "Eve Outsider" }),
    ]);
    const { code } = await seedRoom(hostUser, [guestUser], { name: "Thursday revision", messages: 60, notes: ["Exam: chapters 1 to 4"] });
    const host = await signedIn(hostUser);
    const guest = await signedIn(guestUser, { viewport: "phone", scheme: "dark", locale: "fr-FR" });
    await visit(guest.page, `/rooms/${code}`);
    await guest.page.getByTestId("room-view").waitFor();

    // The host closes it from the room: both screens turn into the read-only room.
    await visit(host.page, `/rooms/${code}`);
    await host.page.getByRole("button", { name: "Close room" }).click();
    await host.page.getByRole("dialog").getByRole("button", { name: "Close room" }).click();
    await host.page.waitForURL(/\/rooms$/);
    await guest.page.getByTestId("closed-room").waitFor();
    await guest.page.getByTestId("closed-notice").waitFor();
    expect(await guest.page.locator("textarea").count()).toBe(0); // no composer, no note form
    const list = guest.page.getByTestId("room-messages");
    expect(
      await list
        .locator("li")
        .filter({ hasNotText: /Afficher/ })
        .count(),
    ).toBe(50);
    expect(await guest.page.getByText("Exam: chapters 1 to 4").count()).toBe(1);
    await guest.page.getByRole("link", { name: "Exporter en Markdown" }).waitFor();
    await snap(guest.page, "rooms", "closed", { viewport: "phone", scheme: "dark" });
    // Older messages page in from the API.
    await guest.page.getByRole("button", { name: "Afficher les messages précédents" }).click();
    await expect.poll(() => list.locator("li").count()).toBe(60);
    expect(await guest.page.getByRole("button", { name: "Afficher les messages précédents" }).count()).toBe(0);

    // The host opens it again from the list: read-only as well, on desktop, in English.
    await visit(host.page, `/rooms/${code}`);
    await host.page.getByTestId("closed-room").getByRole("heading", { name: "Thursday revision", level: 1 }).waitFor();
    await host.page.getByText("This room is closed: its chat and notes stay here").waitFor();
    await snap(host.page, "rooms", "closed");

    // Joining stays refused (410); reading over the API works for its participants only.
    expect((await api(`/api/rooms/${code}/join`, { token: guestUser.token, method: "POST" })).status).toBe(410);
    expect((await api(`/api/rooms/${code}/messages`, { token: guestUser.token })).status).toBe(200);
    expect((await api(`/api/rooms/${code}/messages`, { token: outsider.token })).status).toBe(403);
    const other = await signedIn(outsider);
    await visit(other.page, `/rooms/${code}`);
    await other.page.getByRole("heading", { name: "This room is closed", level: 1 }).waitFor();
    expect(await other.page.getByTestId("room-messages").count()).toBe(0);

    host.errors.assertClean();
    guest.errors.assertClean();
    other.errors.assertClean();
  });
});
