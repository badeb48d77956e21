// /dashboard/webhooks: an instructor adds a webhook (its secret shown once), sees a delivery reach a
// real receiver in the log, redelivers it and deletes the webhook. Screenshots in
// test-results/webhooks/ (desktop and phone, light and dark, EN and FR).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, createUser, signedInPage } from "./helpers/app";
import { axeProblems } from "./helpers/axe";
import { launchBrowser, snap, visit, type Scheme, type TestBrowser, type Viewport } from "./helpers/browser";
import { signedWith, startReceiver, type Receiver } from "../helpers/webhooks";

let tb: TestBrowser;
let receiver: Receiver;
beforeAll(async () => {
  tb = await launchBrowser();
  receiver = await startReceiver();
});
afterAll(async () => {
  await tb?.close();
  await receiver?.close();
});

async function closeRoom(token: string, name: string): Promise<string> {
  const room = await api("/api/rooms", { token, body: { name } });
  expect((await api(`/api/rooms/${room.body.room.room_id}/close`, { method: "POST", token })).status).toBe(200);
  return room.body.room.room_id;
}

describe("webhooks page", () => {
  it("adds a webhook, shows its secret once, logs a delivery, redelivers it and deletes the webhook", async () => {
    const teacher = await createUser({ role: "instructor", name: "Claire Martin" });
    const { page, errors, context } = await signedInPage(tb, teacher);
    // The account menu leads there (instructors and administrators).
    await visit(page, "/");
    await page.getByRole("button", { name: /account menu$/ }).click();
    await page.getByRole("link", { name: "Webhooks", exact: true }).click();
    await page.waitForURL(/\/dashboard\/webhooks$/);
    await page.getByText("No webhook yet. Add one above.").waitFor();

    const form = page.getByTestId("webhook-form");
    await form.getByRole("button", { name: "Add webhook" }).click();
    await form.getByText("Enter the address that receives the events.").waitFor();
    await form.getByLabel("Payload URL").fill(receiver.url);
    await form.getByRole("checkbox", { name: /room\.closed/ }).check();
    await form.getByRole("button", { name: "Add webhook" }).click();
    const secretBox = page.getByTestId("webhook-secret");
    await secretBox.getByText("Webhook added: copy its signing secret now").waitFor();
    const secret = (await secretBox.locator("code").textContent())!.trim();
    expect(secret).toMatch(/^whsec_/);

    const roomId = await closeRoom(teacher.token, "Lab session");
    const [got] = await receiver.waitFor("room.closed", (d) => d.room.room_id === roomId);
    expect(signedWith(secret, got!)).toBe(true);

    const hook = page.getByTestId("webhook");
    await hook.getByRole("button", { name: "Deliveries" }).click();
    const row = hook.getByTestId("webhook-delivery");
    await row.getByText("Delivered").waitFor();
    await row.getByText("room.closed").waitFor();
    await snap(page, "webhooks", "delivered");

    await row.getByRole("button", { name: "Redeliver" }).click();
    await page.getByText("Delivery queued again").waitFor();
    const again = await receiver.waitFor("room.closed", (d) => d.room.room_id === roomId, 2);
    expect(again[1]!.headers["x-mem2gether-delivery"]).toBe(got!.headers["x-mem2gether-delivery"]);

    // Shown once: after a reload the secret is nowhere on the page.
    await visit(page, "/dashboard/webhooks");
    await page.getByTestId("webhook").waitFor();
    expect(await page.content()).not.toContain(secret);

    await page.getByRole("button", { name: `Delete the webhook to ${receiver.url}` }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByText("Delete this webhook?").waitFor();
    await snap(page, "webhooks", "delete-confirm", {}, false);
    await dialog.getByRole("button", { name: "Delete webhook" }).click();
    await page.getByText("No webhook yet. Add one above.").waitFor();
    expect((await api("/api/webhooks", { token: teacher.token })).body.webhooks).toEqual([]);
    errors.assertClean();
    await context.close();
  });

  it("renders at desktop and phone width, light and dark, in English and French", async () => {
    const teacher = await createUser({ role: "instructor", name: "Élise Laurent" });
    await api("/api/webhooks", { token: teacher.token, body: { url: receiver.url, events: ["room.closed", "meeting.started"] } });
    await closeRoom(teacher.token, "Travaux pratiques");
    const variants: { viewport: Viewport; scheme: Scheme; locale: string }[] = [
      { viewport: "desktop", scheme: "light", locale: "en-US" },
      { viewport: "phone", scheme: "dark", locale: "en-US" },
      { viewport: "desktop", scheme: "dark", locale: "fr-FR" },
      { viewport: "phone", scheme: "light", locale: "fr-FR" },
    ];
    for (const v of variants) {
      const { page, errors, context } = await signedInPage(tb, teacher, v);
      await visit(page, "/dashboard/webhooks");
      const hook = page.getByTestId("webhook");
      await hook.getByRole("button", { name: v.locale === "fr-FR" ? "Envois" : "Deliveries" }).click();
      await hook
        .getByTestId("webhook-delivery")
        .getByText(v.locale === "fr-FR" ? "Reçu" : "Delivered")
        .waitFor();
      await snap(page, "webhooks", `page-${v.locale.slice(0, 2)}`, v);
      // Accessibility (axe, WCAG A/AA) with the delivery log open, in both schemes.
      if (v.viewport === "desktop") expect(await axeProblems(page, `webhooks (${v.scheme})`)).toEqual([]);
      if (v.viewport === "desktop" && v.locale === "fr-FR") {
        // The narrowest width with the full navigation (md).
        await page.setViewportSize({ width: 800, height: 900 });
        await snap(page, "webhooks", "page-fr-tablet", v, false);
      }
      errors.assertClean();
      await context.close();
    }
  });
});
