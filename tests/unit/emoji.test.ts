import { describe, expect, it } from "vitest";
import { isSingleEmoji } from "@/lib/rooms/schemas";

describe("isSingleEmoji", () => {
  it.each(["👍", "❤️", "🎉", "👍🏽", "👩‍💻", "🇫🇷", "1️⃣"])("accepts %s", (e) => expect(isSingleEmoji(e)).toBe(true));
  it.each(["", "a", "👍👍", "hi👍", "<b>", "👍 "])("refuses %j", (e) => expect(isSingleEmoji(e)).toBe(false));
});
