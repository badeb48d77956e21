import { afterAll, beforeAll, it } from "vitest";
import { baseUrl, createUser, signInWithCookie } from "./helpers/app";
import { launchBrowser, visit, type TestBrowser } from "./helpers/browser";
import { seedRoom } from "./helpers/rooms";
import { createMeeting } from "../helpers/meetings";
let tb: TestBrowser;
beforeAll(async () => { tb = await launchBrowser(); });
afterAll(async () => { await tb?.close(); });
it("measures", async () => {
  const s = await createUser({ name: "Camille Dupont" });
  const prof = await createUser({ name: "Ada L", role: "instructor" });
  await seedRoom(s, [], { name: "Révisions d'algèbre linéaire L2A", messages: 3 });
  await createMeeting(prof, [s]);
  for (const [user, paths] of [[s, ["/", "/rooms", "/meetings", "/chat"]], [prof, ["/dashboard/meetings", "/"]]] as const) {
    const ctx = await tb.context({ baseURL: baseUrl(), viewport: "phone" });
    await signInWithCookie(ctx, user);
    const page = await ctx.newPage();
    for (const p of paths) {
      await visit(page, p);
      await page.waitForTimeout(1500);
      const info = await page.evaluate(() => {
        const out: string[] = [`scrollWidth=${document.documentElement.scrollWidth}`];
        for (const el of Array.from(document.querySelectorAll("body *"))) {
          const r = el.getBoundingClientRect();
          if (r.right > 391 && r.width > 0) out.push(`WIDE ${el.tagName}.${String(el.className).slice(0, 90)} right=${Math.round(r.right)} w=${Math.round(r.width)}`);
        }
        for (const h of Array.from(document.querySelectorAll("h2, h3"))) {
          const card = h.closest("section, article, [class*=rounded-xl]");
          const li = card?.querySelector("li");
          const first = li ? (li.querySelector("a, div, span") ?? li) : null;
          out.push(`${h.tagName} "${h.textContent?.slice(0, 30)}" x=${Math.round(h.getBoundingClientRect().x)} li=${li ? Math.round(li.getBoundingClientRect().x) : "-"} first=${first ? Math.round(first.getBoundingClientRect().x) : "-"} text=${li ? Math.round((li.querySelector("p, span.min-w-0, .truncate") ?? li).getBoundingClientRect().x) : "-"}`);
        }
        return out.join("\n");
      });
      console.log(`== ${p}\n${info}`);
    }
  }
});
