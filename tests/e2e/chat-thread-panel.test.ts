// Threads and pins in the browser: open a thread from a message, reply in the side panel, see the
// count on the root (and another member's reply arrive live); pin a message and find it in the
// pins panel. Screenshots land in test-results/chat-threads/ (desktop and phone, light and dark,
// English and French).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createChannel, say } from "../helpers/chat";
import { baseUrl, createUser, signInWithCookie, watchErrors } from "./helpers/app";
import { launchBrowser, snap, visit, type Scheme, type TestBrowser, type Viewport } from "./helpers/browser";

let tb: TestBrowser;
beforeAll(async () => {
  tb = await launchBrowser();
});
afterAll(async () => {
  await tb?.close();
});

type Variant = { viewport?: Viewport; scheme?: Scheme; locale?: string };

async function signedIn(user: Awaited<ReturnType<typeof createUser>>, options: Variant = {}) {
  const context = await tb.context({ baseURL: baseUrl(), ...options });
  await signInWithCookie(context, user);
  const page = await context.newPage();
  return { page, errors: watchErrors(page) };
}

describe("chat threads and pins in the browser", () => {
  it("opens a thread from a message, replies in it, shows the count on the root; pins a message into the pins panel", async () => {
    const alice = await createUser({ name: "Alice Martin" });
    const bob = await createUser({ name: "Bob Leroy" });
    const ch = await createChannel(alice, { name: "Physics 101", type: "public", member_ids: [bob.id] });
    await say(bob, ch.slug, "Welcome to the course channel");
    const root = (await say(bob, ch.slug, "Is the **exam** on Monday or Tuesday?")).body.message;

    const a = await signedIn(alice);
    await visit(a.page, `/chat/${ch.slug}`);
    const rootItem = a.page.locator(`[data-message-id="${root.id}"]`);
    await rootItem.hover();
    await rootItem.getByRole("button", { name: "Reply in thread" }).click();
    const panel = a.page.getByTestId("thread-panel");
    await panel.waitFor();
    await panel.getByText("No replies yet. Start the thread.").waitFor();
    await a.page.locator("#thread-composer").fill("Monday, room B12 at 9:00");
    await a.page.locator("#thread-composer").press("Enter");
    await panel.getByText("Monday, room B12 at 9:00").waitFor();
    // The count on the root, in the timeline; the reply itself stays out of it.
    await rootItem.getByTestId("thread-summary").getByText("1 reply").waitFor();
    expect(await a.page.getByTestId("chat-messages").getByText("Monday, room B12 at 9:00").count()).toBe(0);

    // Another member's reply arrives live, in the panel and in the root's count.
    await say(bob, ch.slug, "Thanks Alice!", { thread_id: root.id });
    await panel.getByText("Thanks Alice!").waitFor();
    await rootItem.getByTestId("thread-summary").getByText("2 replies").waitFor();
    await snap(a.page, "chat-threads", "thread-panel", {}, false);

    // Pin the root (Alice owns the channel), then find it in the pins panel.
    await a.page.getByTestId("close-thread").click();
    await rootItem.hover();
    await rootItem.getByRole("button", { name: "Pin to the channel" }).click();
    await rootItem.getByTestId("pinned-mark").waitFor();
    await a.page.getByTestId("open-pins").click();
    const pins = a.page.getByTestId("pins-panel");
    await pins.getByTestId("pinned-message").filter({ hasText: "Monday or Tuesday" }).waitFor();
    await snap(a.page, "chat-threads", "pins-panel", {}, false);
    a.errors.assertClean();

    // Bob is not the owner: no pin action for him; he sees the pin and the thread the same way.
    const variants: (Variant & { replies: string; pinsTitle: string })[] = [
      { viewport: "desktop", scheme: "dark", locale: "en-US", replies: "2 replies", pinsTitle: "Pinned messages" },
      { viewport: "desktop", scheme: "light", locale: "fr-FR", replies: "2 réponses", pinsTitle: "Messages épinglés" },
      { viewport: "phone", scheme: "light", locale: "en-US", replies: "2 replies", pinsTitle: "Pinned messages" },
      { viewport: "phone", scheme: "dark", locale: "fr-FR", replies: "2 réponses", pinsTitle: "Messages épinglés" },
    ];
    for (const v of variants) {
      const b = await signedIn(bob, v);
      await visit(b.page, `/chat/${ch.slug}`);
      const item = b.page.locator(`[data-message-id="${root.id}"]`);
      await item.getByTestId("thread-summary").getByText(v.replies).waitFor();
      expect(await item.getByRole("button", { name: /Pin to the channel|Épingler dans le canal/ }).count()).toBe(0);
      const tag = `${v.locale}`;
      await snap(b.page, "chat-threads", `timeline-${tag}`, v, false);
      await item.getByTestId("thread-summary").click();
      const p = b.page.getByTestId("thread-panel");
      await p.getByText("Monday, room B12 at 9:00").waitFor();
      await snap(b.page, "chat-threads", `thread-panel-${tag}`, v, false);
      await b.page.getByTestId("close-thread").click();
      await b.page.getByTestId("open-pins").click();
      await b.page.getByTestId("pins-panel").getByRole("heading", { name: v.pinsTitle }).waitFor();
      await b.page.getByTestId("pinned-message").first().waitFor();
      await snap(b.page, "chat-threads", `pins-panel-${tag}`, v, false);
      b.errors.assertClean();
      await b.page.context().close();
    }
  });
});
