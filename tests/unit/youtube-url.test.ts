import { describe, expect, it } from "vitest";
import { parseYouTubeUrl } from "@/lib/rooms/youtube-url";

const ID = "dQw4w9WgXcQ";

describe("parseYouTubeUrl", () => {
  it.each([
    [ID, 0],
    [`https://www.youtube.com/watch?v=${ID}`, 0],
    [`https://youtube.com/watch?v=${ID}&list=PL123&index=2`, 0],
    [`http://m.youtube.com/watch?v=${ID}&t=42`, 42],
    [`https://www.youtube.com/watch?v=${ID}&t=1m30s`, 90],
    [`https://www.youtube.com/watch?v=${ID}#t=1h2m3s`, 3723],
    [`https://youtu.be/${ID}`, 0],
    [`https://youtu.be/${ID}?t=95`, 95],
    [`youtu.be/${ID}?si=abc`, 0],
    [`https://www.youtube.com/shorts/${ID}`, 0],
    [`https://www.youtube.com/embed/${ID}?start=30`, 30],
    [`https://www.youtube-nocookie.com/embed/${ID}`, 0],
    [`https://www.youtube.com/live/${ID}?feature=share`, 0],
    [`  https://music.youtube.com/watch?v=${ID}  `, 0],
  ])("%s", (input, start) => {
    expect(parseYouTubeUrl(input)).toEqual({ videoId: ID, start });
  });

  it.each([
    "",
    "hello world",
    "dQw4w9WgXc", // 10 characters
    "dQw4w9WgXcQQ",
    "https://vimeo.com/123456",
    `https://evil.example/watch?v=${ID}`,
    `https://www.youtube.com/watch?v=short`,
    `https://www.youtube.com/channel/${ID}`,
    `javascript:alert(1)//${ID}`,
    `ftp://youtu.be/${ID}`,
  ])("refuses %j", (input) => {
    expect(parseYouTubeUrl(input)).toBeNull();
  });
});
