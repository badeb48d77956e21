// Pure: shared by the server (load_video) and the browser (instant feedback in the input).

const ID = /^[A-Za-z0-9_-]{11}$/;
const HOSTS = new Set([
  "youtube.com",
  "www.youtube.com",
  "m.youtube.com",
  "music.youtube.com",
  "youtube-nocookie.com",
  "www.youtube-nocookie.com",
]);

export interface ParsedVideo {
  videoId: string;
  /** Seconds, from t= / start= when present. */
  start: number;
}

/** "90", "90s", "1m30s", "1h2m3s" -> seconds. */
function parseTime(value: string | null): number {
  if (!value) return 0;
  if (/^\d+(\.\d+)?s?$/.test(value)) return Math.floor(parseFloat(value));
  const m = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(value);
  if (!m || !value) return 0;
  return Number(m[1] ?? 0) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0);
}

/**
 * Any YouTube URL form (watch, youtu.be, shorts, embed, live, with or without a start time) or a
 * bare 11-character id. Anything else: null.
 */
export function parseYouTubeUrl(input: string): ParsedVideo | null {
  const text = input.trim();
  if (ID.test(text)) return { videoId: text, start: 0 };
  let url: URL;
  try {
    url = new URL(/^[a-z]+:\/\//i.test(text) ? text : `https://${text}`);
  } catch {
    return null;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return null;
  const host = url.hostname.toLowerCase();
  let id: string | null = null;
  if (host === "youtu.be") {
    id = url.pathname.split("/")[1] ?? null;
  } else if (HOSTS.has(host)) {
    const parts = url.pathname.split("/").filter(Boolean);
    if (parts[0] === "watch") id = url.searchParams.get("v");
    else if (["embed", "shorts", "live", "v", "e"].includes(parts[0] ?? "")) id = parts[1] ?? null;
  }
  if (!id || !ID.test(id)) return null;
  const hashTime = url.hash.startsWith("#t=") ? url.hash.slice(3) : null;
  const start = parseTime(url.searchParams.get("t") ?? url.searchParams.get("start") ?? hashTime);
  return { videoId: id, start };
}
