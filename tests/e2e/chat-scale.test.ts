// The chat at class size in a real browser: a course channel of 300 messages and 50 members, and
// a direct conversation of 300 messages (written straight into the database, so the setup takes
// a second). Screenshots land in test-results/chat-scale/ (desktop 1280x800 and phone, light and
// dark, English and French).
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page, WebSocket } from "playwright-core";
import { chatClient, closeAllChatClients, createChannel, say } from "../helpers/chat";
import { withDb } from "../helpers/seed";
import { api, baseUrl, createUser, eventually, signInWithCookie, watchErrors, type TestUser } from "./helpers/app";
import { axeProblems } from "./helpers/axe";
import { launchBrowser, snap, visit, type Scheme, type TestBrowser, type Viewport } from "./helpers/browser";

const COUNT = 300;
const FIRST_NAMES = [
  "Ana",
  "Bruno",
  "Chloé",
  "Diego",
  "Emma",
  "Farid",
  "Grace",
  "Hugo",
  "Inès",
  "Jonas",
  "Kenza",
  "Léo",
  "Maya",
  "Noah",
  "Olga",
  "Paul",
];
const LINES = [
  "Is exercise {n} about the kernel or the image?",
  "I got a different answer for question {n}, can someone check my steps?",
  "The slides for week {n} are on the course page.",
  "Thanks! That makes sense now.",
  "For {n}: start from the definition and expand the product; the cross terms cancel out once you group them.",
  "Anyone up for a study session before the quiz?",
];

let tb: TestBrowser;
let owner: TestUser;
let reader: TestUser;
let friend: TestUser;
let slug: string;
let tag: string;
const channelMsg = (n: number) => `${tag}c${String(n).padStart(3, "0")}`;
const dmMsg = (n: number) => `${tag}d${String(n).padStart(3, "0")}`;

beforeAll(async () => {
  tb = await launchBrowser();
  tag = `x${randomBytes(4).toString("hex")}`;
  owner = await createUser({ name: "Prof. Ada Lovelace", role: "instructor" });
  reader = await createUser({ name: "Lina Reader" });
  friend = await createUser({ name: "Sam Friend" });
  const channel = await createChannel(owner, {
    name: "Linear algebra 101",
    type: "public",
    description: "Course channel, spring term",
    member_ids: [reader.id, friend.id],
  });
  slug = channel.slug;
  const [ua, ub] = [reader.id, friend.id].sort();
  await withDb(async (db) => {
    // 47 more students: 50 members with the owner, the reader and the friend.
    await db.query(
      `INSERT INTO users (id, email, username, name, password_hash, updated_at)
       SELECT $1 || g, $1 || g || '@example.test', $1 || g, ($2::text[])[1 + g % 16] || ' ' || chr(65 + g % 26) || '.', 'not-a-password-hash', now()
         FROM generate_series(1, 47) g`,
      [`${tag}u`, FIRST_NAMES],
    );
    await db.query(`INSERT INTO channel_members (channel_id, user_id) SELECT $1, $2 || g FROM generate_series(1, 47) g`, [
      channel.id,
      `${tag}u`,
    ]);
    // Authors: mostly students, the instructor every seventh message; two minutes apart, the newest a minute ago.
    await db.query(
      `INSERT INTO messages (id, channel_id, author_id, content, message_type, seq, created_at)
       SELECT $2 || lpad(g::text, 3, '0'), $1,
              CASE WHEN g % 7 = 0 THEN $3 WHEN g % 11 = 0 THEN $4 ELSE $5 || (1 + g % 47) END,
              replace(($6::text[])[1 + g % 6], '{n}', g::text) || ' (#' || g || ')',
              'text', g, now() - ((${COUNT} + 1 - g) * interval '2 minutes')
         FROM generate_series(1, ${COUNT}) g`,
      [channel.id, `${tag}c`, owner.id, reader.id, `${tag}u`, LINES],
    );
    await db.query(
      `UPDATE channels SET last_seq = ${COUNT}, member_count = (SELECT count(*) FROM channel_members WHERE channel_id = $1) WHERE id = $1`,
      [channel.id],
    );
    // A conversation of 300 messages, every one delivered and read.
    await db.query(
      `INSERT INTO conversations (id, user_a_id, user_b_id, last_message_at, last_seq) VALUES ($1, $2, $3, now() - interval '1 minute', ${COUNT})`,
      [`${tag}conv`, ua, ub],
    );
    await db.query(
      `INSERT INTO messages (id, conversation_id, author_id, receiver_id, content, message_type, seq, created_at, delivered_at, read_at)
       SELECT $2 || lpad(g::text, 3, '0'), $1,
              CASE WHEN g % 3 = 0 THEN $3 ELSE $4 END, CASE WHEN g % 3 = 0 THEN $4 ELSE $3 END,
              replace(($5::text[])[1 + g % 6], '{n}', g::text) || ' (#' || g || ')',
              'text', g, now() - ((${COUNT} + 1 - g) * interval '3 minutes'), now(), now()
         FROM generate_series(1, ${COUNT}) g`,
      [`${tag}conv`, `${tag}d`, reader.id, friend.id, LINES],
    );
  });
});
afterAll(async () => {
  closeAllChatClients();
  await tb?.close();
});

async function open(user: TestUser, options: { viewport?: Viewport; scheme?: Scheme; locale?: string } = {}) {
  const context = await tb.context({ baseURL: baseUrl(), ...options });
  await signInWithCookie(context, user);
  const page = await context.newPage();
  // The brief's desktop window: 1280x800.
  if ((options.viewport ?? "desktop") === "desktop") await page.setViewportSize({ width: 1280, height: 800 });
  return { page, errors: watchErrors(page) };
}

const panel = (page: Page) => page.getByTestId("chat-messages");
const byId = (page: Page, id: string) => panel(page).locator(`[data-message-id="${id}"]`);

/** Where things are: the page, the scrolling panel, an element of it, the composer. */
async function geometry(page: Page, id: string) {
  return page.evaluate((id) => {
    const list = document.querySelector<HTMLElement>('[data-testid="chat-messages"]')!;
    const item = list.querySelector<HTMLElement>(`[data-message-id="${id}"]`)!.getBoundingClientRect();
    const composer = document.querySelector<HTMLElement>("#chat-composer")!.getBoundingClientRect();
    const box = list.getBoundingClientRect();
    return {
      pageHeight: document.documentElement.scrollHeight,
      windowHeight: window.innerHeight,
      scrollable: list.scrollHeight > list.clientHeight,
      fromBottom: list.scrollHeight - list.scrollTop - list.clientHeight,
      item: { top: item.top, bottom: item.bottom },
      panel: { top: box.top, bottom: box.bottom },
      composer: { top: composer.top, bottom: composer.bottom },
    };
  }, id);
}

/** Opened at the newest, scrolled inside its panel, the composer on screen, the page no taller than the window. */
async function expectFitted(page: Page, newestId: string) {
  await byId(page, newestId).waitFor();
  // Settled at the bottom (images and fonts may still move it for a frame or two).
  await page.waitForFunction(() => {
    const list = document.querySelector<HTMLElement>('[data-testid="chat-messages"]')!;
    return list.scrollHeight - list.scrollTop - list.clientHeight < 4;
  });
  const g = await geometry(page, newestId);
  expect(g.pageHeight).toBeLessThanOrEqual(g.windowHeight);
  expect(g.scrollable).toBe(true);
  expect(g.fromBottom).toBeLessThan(4);
  expect(g.item.bottom).toBeLessThanOrEqual(g.panel.bottom + 1);
  expect(g.item.top).toBeGreaterThanOrEqual(g.panel.top);
  expect(g.composer.top).toBeGreaterThan(g.panel.bottom - 1);
  expect(g.composer.bottom).toBeLessThanOrEqual(g.windowHeight);
}

/** Scrolls to the top of the panel: the next older page comes in, and what was on screen stays put. */
async function expectOlderPageWithoutJump(page: Page, firstId: string, olderId: string) {
  const before = await page.evaluate((id) => {
    const list = document.querySelector<HTMLElement>('[data-testid="chat-messages"]')!;
    list.scrollTop = 0;
    // Read in the same task as the scroll: nothing has been loaded yet.
    return list.querySelector<HTMLElement>(`[data-message-id="${id}"]`)!.getBoundingClientRect().top;
  }, firstId);
  await byId(page, olderId).waitFor({ state: "attached" });
  await page.waitForFunction(
    () => !document.querySelector('[data-testid="chat-messages"] [role="status"], [data-testid="chat-messages"] .animate-spin'),
  );
  const after = await byId(page, firstId).evaluate((el) => el.getBoundingClientRect().top);
  expect(Math.abs(after - before)).toBeLessThanOrEqual(2);
}

describe("the chat at class size", () => {
  it("a 300-message channel and conversation open at the newest and scroll in their panel, on a desktop and a phone", async () => {
    const variants: { viewport: Viewport; scheme: Scheme; locale: string }[] = [
      { viewport: "desktop", scheme: "light", locale: "en-US" },
      { viewport: "phone", scheme: "light", locale: "fr-FR" },
      { viewport: "desktop", scheme: "dark", locale: "fr-FR" },
      { viewport: "phone", scheme: "dark", locale: "en-US" },
    ];
    for (const [i, v] of variants.entries()) {
      const { page, errors } = await open(reader, v);
      await visit(page, `/chat/${slug}`);
      await expectFitted(page, channelMsg(COUNT));
      await snap(page, "chat-scale", `channel-${v.locale}`, v, false);
      if (v.viewport === "desktop") expect(await axeProblems(page, `chat channel ${v.scheme}`)).toEqual([]);
      // 50 messages per page: the oldest shown is #251; scrolling up brings #201-#250 above it.
      if (i < 2) await expectOlderPageWithoutJump(page, channelMsg(251), channelMsg(201));
      if (i === 0) {
        // The header's and the chat's left edges line up.
        const [header, chat] = await page.evaluate(() => [
          document.querySelector("header > div")!.getBoundingClientRect().left +
            parseFloat(getComputedStyle(document.querySelector("header > div")!).paddingLeft),
          document.querySelector('[data-testid="chat-sidebar"]')!.closest("div.rounded-xl, div.flex")!.getBoundingClientRect().left,
        ]);
        expect(Math.abs(header - chat)).toBeLessThanOrEqual(1);
        await page.getByRole("button", { name: /Members/ }).click();
        await page.getByTestId("chat-members").getByText("Prof. Ada Lovelace").waitFor();
        expect(await page.getByRole("button", { name: /Members/ }).innerText()).toContain("50");
        await snap(page, "chat-scale", "channel-members", v, false);
      }

      await visit(page, `/chat/dm/${friend.id}`);
      await expectFitted(page, dmMsg(COUNT));
      await snap(page, "chat-scale", `direct-${v.locale}`, v, false);
      if (v.viewport === "desktop") expect(await axeProblems(page, `chat direct ${v.scheme}`)).toEqual([]);
      if (i < 2) await expectOlderPageWithoutJump(page, dmMsg(251), dmMsg(201));
      errors.assertClean();
      await page.context().close();
    }
  });

  it("20 messages in 10 s while scrolling all go out, read markers only when the newest read changes, a new-messages button", async () => {
    const { page, errors } = await open(friend);
    let marks = 0;
    page.on("websocket", (ws: WebSocket) =>
      ws.on("framesent", (f) => typeof f.payload === "string" && f.payload.includes('"mark_read"') && marks++),
    );
    await visit(page, `/chat/${slug}`);
    await expectFitted(page, channelMsg(COUNT));
    await page.waitForFunction(() => document.hasFocus());

    // Scrolling a few pixels up and down at every frame, near the bottom, for the whole burst.
    await page.evaluate(() => {
      const list = document.querySelector<HTMLElement>('[data-testid="chat-messages"]')!;
      const w = window as unknown as { scrolls: number; jitter: ReturnType<typeof setInterval> };
      w.scrolls = 0;
      list.addEventListener("scroll", () => w.scrolls++, { passive: true });
      let up = false;
      w.jitter = setInterval(() => {
        up = !up;
        list.scrollTop = list.scrollHeight - list.clientHeight - (up ? 30 : 0);
      }, 16);
    });
    const composer = page.getByLabel("Message #Linear algebra 101");
    const sent: string[] = [];
    for (let n = 1; n <= 20; n++) {
      const text = `Burst ${tag} ${n}`;
      sent.push(text);
      await composer.fill(text);
      await composer.press("Enter");
      await page.waitForTimeout(500);
    }
    const scrolls = await page.evaluate(() => {
      const w = window as unknown as { scrolls: number; jitter: ReturnType<typeof setInterval> };
      clearInterval(w.jitter);
      return w.scrolls;
    });
    for (const text of sent) await panel(page).getByTestId("message-body").getByText(text, { exact: true }).waitFor();
    await page.getByTestId("outbox-item").first().waitFor({ state: "detached" });
    const stored = await api(`/api/channels/${slug}/messages?limit=30`, { token: owner.token });
    expect(stored.body.messages.filter((m: { content: string }) => m.content.startsWith(`Burst ${tag} `))).toHaveLength(20);
    // The newest read message changed 21 times at most (on opening, then each send): never one
    // marker per scroll event.
    expect(scrolls).toBeGreaterThan(100);
    expect(marks).toBeGreaterThanOrEqual(1);
    expect(marks).toBeLessThanOrEqual(21);

    // Reading older messages when someone writes: a button, not a jump.
    await page.evaluate(() => {
      const list = document.querySelector<HTMLElement>('[data-testid="chat-messages"]')!;
      list.scrollTop = list.scrollHeight / 2;
    });
    const marksBefore = marks;
    const topBefore = await page.evaluate(() => document.querySelector<HTMLElement>('[data-testid="chat-messages"]')!.scrollTop);
    const said = await say(owner, slug, "Quick poll: who has finished exercise 12?");
    const question = byId(page, said.body.message.id);
    await question.waitFor({ state: "attached" });
    const button = page.getByTestId("new-messages");
    await button.waitFor();
    expect(await button.innerText()).toContain("1 new message");
    expect(await page.evaluate(() => document.querySelector<HTMLElement>('[data-testid="chat-messages"]')!.scrollTop)).toBe(topBefore);
    await snap(page, "chat-scale", "new-messages", { viewport: "desktop" }, false);
    await button.click();
    await button.waitFor({ state: "detached" });
    await page.waitForFunction(() => {
      const list = document.querySelector<HTMLElement>('[data-testid="chat-messages"]')!;
      return list.scrollHeight - list.scrollTop - list.clientHeight < 4;
    });
    // Scrolled back to the newest: one marker for it.
    await expect.poll(() => marks, { timeout: 10_000 }).toBe(marksBefore + 1);
    // And the server took it: nothing unread for this reader.
    await eventually(
      () => api(`/api/channels`, { token: friend.token }),
      (r) => r.body.channels.find((c: { slug: string }) => c.slug === slug)?.unread_count === 0,
      "the read marker",
    );
    errors.assertClean();
    await page.context().close();
  });

  it("a member who joins after the channel was opened is listed and named when typing; refusals read in French", async () => {
    const { page, errors } = await open(reader, { locale: "fr-FR" });
    await visit(page, `/chat/${slug}`);
    await byId(page, channelMsg(COUNT)).waitFor();
    await page.getByRole("button", { name: /Membres/ }).click();
    const members = page.getByTestId("chat-members");
    await members.getByText("Prof. Ada Lovelace").waitFor();

    const ana = await createUser({ name: "Ana Latecomer" });
    expect((await api(`/api/channels/${slug}/join`, { token: ana.token, method: "POST" })).status).toBe(200);
    await members.getByText("Ana Latecomer").waitFor();
    expect(await page.getByRole("button", { name: /Membres/ }).innerText()).toContain("51");
    const socket = await chatClient(ana);
    await socket.emit("join_channel", { channel: slug });
    await socket.emit("typing", { channel: slug, is_typing: true });
    await page.getByTestId("typing").getByText("Ana Latecomer écrit…").waitFor();
    await snap(page, "chat-scale", "late-member-typing", { viewport: "desktop" }, false);
    await page.getByRole("button", { name: "Masquer les membres" }).click();

    // An edit the server refuses (too long): the catalog's French sentence, not the server's English.
    await page.getByLabel("Écrire à #Linear algebra 101").fill("Une question sur l’exercice 3");
    await page.keyboard.press("Enter");
    const written = panel(page).getByTestId("chat-message").filter({ hasText: "Une question sur l’exercice 3" });
    await written.waitFor();
    // By id: while it is edited, its text is in a textarea.
    const mine = byId(page, (await written.getAttribute("data-message-id"))!);
    await mine.hover();
    await mine.getByRole("button", { name: "Modifier" }).click();
    await page.getByLabel("Modifier le message").fill("x".repeat(4100));
    await page.keyboard.press("Enter");
    await mine.getByRole("alert").getByText("Une partie de la saisie n’est pas valide. Vérifiez-la et réessayez.").waitFor();

    // A message whose live event never reached this page (as while a node's Redis is down): the
    // next one reveals the gap in seq, and the page fetches what it missed, once, in order.
    await mine.getByRole("button", { name: "Annuler" }).click();
    const missedId = `${tag}missed`;
    await withDb(async (db) => {
      await db.query(
        `WITH n AS (UPDATE channels SET last_seq = last_seq + 1 WHERE slug = $1 RETURNING id, last_seq)
         INSERT INTO messages (id, channel_id, author_id, content, message_type, seq) SELECT $2, n.id, $3, 'Missed while the server was away', 'text', n.last_seq FROM n`,
        [slug, missedId, owner.id],
      );
    });
    const next = await say(owner, slug, "And this one came live");
    expect(next.status).toBe(201);
    await byId(page, next.body.message.id).waitFor();
    await byId(page, missedId).waitFor();
    const order = await panel(page)
      .getByTestId("chat-message")
      .evaluateAll((els) => els.map((e) => e.getAttribute("data-message-id")));
    expect(order.slice(-2)).toEqual([missedId, next.body.message.id]);
    expect(order.filter((id) => id === missedId)).toHaveLength(1);
    errors.assertClean();
    await page.context().close();
  });
});
