// Two people in two browsers: a channel conversation with an edit and a delete seen live by the
// other, then a direct message whose ticks go sent -> delivered -> read. Screenshots land in
// test-results/chat/ (desktop and phone, light and dark).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { api, createUser, signedInPage, type TestUser } from "./helpers/app";
import { launchBrowser, snap, visit, type TestBrowser } from "./helpers/browser";

let tb: TestBrowser;
beforeAll(async () => {
  tb = await launchBrowser();
});
afterAll(async () => {
  await tb?.close();
});

const signedIn = (user: TestUser, options: Parameters<TestBrowser["context"]>[0] = {}) => signedInPage(tb, user, options);

const messages = (page: Page) => page.getByTestId("chat-messages");
const message = (page: Page, text: string) => messages(page).getByTestId("chat-message").filter({ hasText: text });

describe("campus chat in the browser", () => {
  it("channel with a live edit and delete, a direct message with receipts", async () => {
    const alice = await createUser({ name: "Alice Martin" });
    const bob = await createUser({ name: "Bob Leroy" });
    const a = await signedIn(alice);
    const b = await signedIn(bob);

    // Alice creates a public channel with Bob through the dialog and its people picker.
    await visit(a.page, "/chat");
    await a.page.getByRole("button", { name: "New channel" }).click();
    await a.page.getByLabel("Name").fill("Algebra study");
    await a.page.getByLabel("Members").fill(bob.username);
    await a.page.getByRole("button", { name: "Add Bob Leroy" }).click();
    await a.page.getByRole("button", { name: "Create channel" }).click();
    await a.page.waitForURL(/\/chat\/algebra-study/);
    const slug = new URL(a.page.url()).pathname.split("/").pop()!;
    await a.page.getByTestId("thread-title").getByText("Algebra study").waitFor();

    await visit(b.page, `/chat/${slug}`);
    await b.page.getByTestId("thread-title").getByText("Algebra study").waitFor();

    // Markdown, a mention, and HTML that stays text.
    await a.page.getByLabel("Message #Algebra study").fill(`Hello **team**, @${bob.username} <script>alert(1)</script>`);
    await a.page.keyboard.press("Enter");
    const hello = message(b.page, "Hello team");
    await hello.waitFor();
    expect(await hello.locator("strong").innerText()).toBe("team");
    expect(await hello.locator(`[data-mention="${bob.username}"]`).count()).toBe(1);
    expect(await hello.innerText()).toContain("<script>alert(1)</script>");

    await b.page.getByLabel("Message #Algebra study").fill("Typo herre");
    await b.page.getByRole("button", { name: "Send" }).click();
    await message(a.page, "Typo herre").waitFor();

    // Bob edits his message; Alice sees it change.
    await message(b.page, "Typo herre").hover();
    await message(b.page, "Typo herre").getByRole("button", { name: "Edit" }).click();
    await b.page.getByLabel("Edit message").fill("Typo here, fixed");
    await b.page.keyboard.press("Enter");
    await message(a.page, "Typo here, fixed").getByText("(edited)").waitFor();

    // A reaction, counted on both screens.
    await message(a.page, "Typo here, fixed").hover();
    await message(a.page, "Typo here, fixed").getByRole("button", { name: "Add a reaction" }).click();
    await a.page.getByRole("button", { name: "React with 👍" }).click();
    await message(b.page, "Typo here, fixed").getByRole("button", { name: "👍 1 person" }).waitFor();

    await a.page.getByRole("button", { name: /Members/ }).click();
    await a.page.getByTestId("chat-members").getByText("Bob Leroy").waitFor();
    await snap(a.page, "chat", "channel");
    await a.page.getByRole("button", { name: "Hide members" }).click();

    // Alice (the owner) deletes her message; Bob sees the placeholder.
    await message(a.page, "Hello team").hover();
    await message(a.page, "Hello team").getByRole("button", { name: "Delete" }).click();
    await a.page.getByRole("dialog").getByRole("button", { name: "Delete" }).click();
    await messages(b.page).getByText("This message was deleted.").waitFor();
    expect(await messages(b.page).getByText("Hello team").count()).toBe(0);
    await snap(b.page, "chat", "channel-after-delete");

    // A direct message: Alice is elsewhere in the app, so it arrives as delivered, with a toast
    // and a badge; it becomes read when she opens the conversation.
    await visit(a.page, "/");
    await a.page.getByTestId("home-channel-list").getByText("Algebra study").waitFor();
    await visit(b.page, `/chat/dm/${alice.id}`);
    await b.page.getByTestId("thread-title").getByText("Alice Martin").waitFor();
    await b.page.getByLabel("Message Alice Martin").fill("Are you free at 5?");
    await b.page.keyboard.press("Enter");
    const dm = message(b.page, "Are you free at 5?");
    await dm.locator('[data-status="delivered"]').waitFor();
    await a.page.getByTestId("chat-badge").first().waitFor();
    await a.page.getByText("New message from Bob Leroy").waitFor();
    await snap(a.page, "chat", "home-notified");

    await a.page.getByRole("link", { name: /^Chat/ }).first().click();
    await a.page.getByTestId("chat-conversations").getByText("Bob Leroy").click();
    await message(a.page, "Are you free at 5?").waitFor();
    await dm.locator('[data-status="read"]').waitFor();
    await a.page.getByLabel("Message Bob Leroy").fill("Yes, see you then");
    await a.page.keyboard.press("Enter");
    await message(b.page, "Yes, see you then").waitFor();
    await snap(b.page, "chat", "direct");

    // Search jumps to the message in its context.
    await a.page.getByLabel("Search messages").fill("fixed");
    await a.page.keyboard.press("Enter");
    await a.page.getByTestId("search-results").getByText("Typo here, fixed").click();
    await a.page.waitForURL(new RegExp(`/chat/${slug}\\?message=`));
    await a.page.locator("[data-message-id].ring-2").getByText("Typo here, fixed").waitFor();

    a.errors.assertClean();
    b.errors.assertClean();
  });

  it("the owner adds people to an existing private channel from its members panel", async () => {
    const owner = await createUser({ name: "Inès Owner" });
    const dan = await createUser({ name: "Dan Added" });
    const eve = await createUser({ name: "Eve Added" });
    const created = await api("/api/channels", { token: owner.token, body: { name: "Lab group", type: "private" } });
    expect(created.status).toBe(201);
    const slug = created.body.channel.slug as string;
    expect((await api(`/api/channels/${slug}/messages`, { token: dan.token })).status).toBe(403);

    const o = await signedIn(owner);
    await visit(o.page, `/chat/${slug}`);
    await o.page.getByTestId("thread-title").getByText("Lab group").waitFor();
    await o.page.getByRole("button", { name: /Members/ }).click();
    await o.page.getByTestId("add-members").click();
    const dialog = o.page.getByRole("dialog");
    for (const person of [dan, eve]) {
      await dialog.getByLabel("People", { exact: true }).fill(person.username);
      await dialog.getByRole("button", { name: `Add ${person.username === dan.username ? "Dan Added" : "Eve Added"}` }).click();
    }
    await snap(o.page, "chat", "add-members-dialog");
    await dialog.getByRole("button", { name: "Add 2 people" }).click();
    await dialog.waitFor({ state: "hidden" });
    const panel = o.page.getByTestId("chat-members");
    await panel.getByText("Dan Added").waitFor();
    await panel.getByText("Eve Added").waitFor();
    await snap(o.page, "chat", "members-added");
    // They are members now: the private channel opens for them.
    expect((await api(`/api/channels/${slug}/messages`, { token: dan.token })).status).toBe(200);

    // A file dropped anywhere on the conversation is attached to the next message.
    await o.page.getByRole("button", { name: "Hide members" }).click();
    const transfer = await o.page.evaluateHandle(() => {
      const dt = new DataTransfer();
      dt.items.add(new File(["lab protocol, step 1\n"], "protocol.txt", { type: "text/plain" }));
      return dt;
    });
    const thread = o.page.getByTestId("chat-messages");
    await thread.dispatchEvent("dragenter", { dataTransfer: transfer });
    await o.page.getByTestId("drop-overlay").waitFor();
    await snap(o.page, "chat", "drop-file");
    await thread.dispatchEvent("drop", { dataTransfer: transfer });
    await o.page.getByTestId("drop-overlay").waitFor({ state: "hidden" });
    await o.page.getByRole("button", { name: "Remove attachment" }).waitFor();
    await o.page.getByLabel("Message #Lab group").fill("Read this first");
    await o.page.keyboard.press("Enter");
    await message(o.page, "Read this first")
      .getByRole("link", { name: /protocol\.txt/ })
      .waitFor();
    expect(await o.page.getByRole("button", { name: "Remove attachment" }).count()).toBe(0);
    o.errors.assertClean();
    await o.page.context().close();
  });

  it("looks right on a phone and in dark mode", async () => {
    const carla = await createUser({ name: "Carla Dupont" });
    const dan = await createUser({ name: "Dan Moreau" });
    const created = await api("/api/channels", {
      token: carla.token,
      body: { name: "Robotics club", type: "public", member_ids: [dan.id] },
    });
    expect(created.status).toBe(201);
    const slug = created.body.channel.slug as string;
    await api(`/api/channels/${slug}/messages`, {
      token: dan.token,
      body: { content: "Meeting on *Thursday*:\n- bring the arm\n- `firmware v2`" },
    });
    await api("/api/messages", { token: dan.token, body: { receiver: carla.id, content: "Did you see the schedule?" } });

    for (const scheme of ["light", "dark"] as const) {
      const desk = await signedIn(carla, { viewport: "desktop", scheme });
      await visit(desk.page, `/chat/${slug}`);
      await message(desk.page, "Meeting on").waitFor();
      await snap(desk.page, "chat", "channel-desktop", { viewport: "desktop", scheme });
      // Dragging a file over the conversation shows where it will go.
      const transfer = await desk.page.evaluateHandle(() => {
        const dt = new DataTransfer();
        dt.items.add(new File(["x"], "notes.txt", { type: "text/plain" }));
        return dt;
      });
      await desk.page.getByTestId("chat-messages").dispatchEvent("dragenter", { dataTransfer: transfer });
      await desk.page.getByTestId("drop-overlay").waitFor();
      await snap(desk.page, "chat", "drop-overlay", { viewport: "desktop", scheme });
      await desk.page.getByTestId("chat-messages").dispatchEvent("dragleave", { dataTransfer: transfer });
      await desk.page.getByTestId("drop-overlay").waitFor({ state: "hidden" });
      desk.errors.assertClean();
      await desk.page.context().close();

      const phone = await signedIn(carla, { viewport: "phone", scheme });
      await visit(phone.page, "/chat");
      await phone.page.getByTestId("chat-sidebar").getByText("Robotics club").waitFor();
      await snap(phone.page, "chat", "sidebar", { viewport: "phone", scheme });
      await phone.page.getByTestId("chat-sidebar").getByText("Robotics club").click();
      await message(phone.page, "Meeting on").waitFor();
      await snap(phone.page, "chat", "channel", { viewport: "phone", scheme });
      // The owner's members panel and its "Add members" dialog.
      await phone.page.getByRole("button", { name: /Members/ }).click();
      await phone.page.getByTestId("chat-members").getByText("Dan Moreau").waitFor();
      await snap(phone.page, "chat", "members", { viewport: "phone", scheme });
      await phone.page.getByTestId("add-members").click();
      await phone.page.getByRole("dialog").getByLabel("People", { exact: true }).waitFor();
      await snap(phone.page, "chat", "add-members", { viewport: "phone", scheme });
      await phone.page.getByRole("dialog").getByRole("button", { name: "Cancel" }).click();
      // The panel's close button is on screen (not under the sticky header) and works.
      await phone.page.getByRole("button", { name: "Hide members" }).click();
      await phone.page.getByTestId("chat-members").waitFor({ state: "detached" });
      phone.errors.assertClean();
      await phone.page.context().close();
    }
  });
});
