import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Socket } from "socket.io-client";
import { api, baseUrl, connect, createUser, emitAck, type TestUser } from "../helpers/client";

// Every client event of every namespace, fed garbage: whole payloads of the wrong shape, and a
// plausible payload with one field at a time replaced by something wrong (types, NUL bytes,
// oversized strings, operator objects, prototype keys). Whatever comes in, each event must
// answer an ack in the contract's shape with a client error (or succeed, when the mutation
// happens to be valid) — never INTERNAL, never silence — and the server must keep serving.
const CLIENT_ERRORS = new Set([
  "VALIDATION_ERROR",
  "INVALID_VIDEO",
  "NOT_FOUND",
  "FORBIDDEN",
  "CONFLICT",
  "GONE",
  "RATE_LIMITED",
  "MUTED",
  "BANNED",
]);

const deep = (n: number): unknown => (n === 0 ? "bottom" : { next: deep(n - 1) });
const WHOLE: unknown[] = [undefined, null, 0, "payload", true, [], {}, [1, 2, 3], deep(40)];
const FIELD: unknown[] = [
  undefined,
  null,
  0,
  -1,
  1e308,
  true,
  "",
  "   ",
  "\u0000",
  "a\u0000b",
  "\ud800",
  "x".repeat(5000),
  [],
  ["a"],
  {},
  { $gt: "" },
  JSON.parse('{"__proto__": {"polluted": true}}'),
];

let host: TestUser;
let code: string;
let slug: string;
let messageId: string;
// Several connections per namespace, taken in turn: each connection has its own event budget
// (20 a second), and the fuzzer sends far more than one connection may.
const PER_NAMESPACE = 10;
const sockets = new Map<string, Socket[]>();
let turn = 0;
const next = (ns: string) => {
  const list = sockets.get(ns)!;
  return list[turn++ % list.length]!;
};

beforeAll(async () => {
  host = await createUser({ role: "instructor" });
  const room = await api("/api/rooms", { token: host.token, body: { name: "Fuzz" } });
  code = room.body.room.room_id;
  const channel = await api("/api/channels", { token: host.token, body: { name: `Fuzz ${Date.now()}`, type: "public" } });
  expect(channel.status).toBe(201);
  slug = channel.body.channel.slug;
  const sent = await api(`/api/channels/${slug}/messages`, { token: host.token, body: { content: "target" } });
  messageId = sent.body.message.id;
  for (const ns of ["/rooms", "/photos", "/youtube", "/reactions", "/chat"]) {
    const list: Socket[] = [];
    for (let i = 0; i < PER_NAMESPACE; i++) {
      const s = await connect(ns, { token: host.token });
      list.push(s);
      const joined =
        ns === "/chat" ? await emitAck(s, "join_channel", { channel: slug }) : await emitAck(s, "join_room", { room_id: code });
      expect(joined.success).toBe(true);
    }
    sockets.set(ns, list);
  }
});

afterAll(() => {
  for (const list of sockets.values()) for (const s of list) s.close();
});

/** A plausible payload per event, whose fields the fuzzer replaces one at a time. */
function catalogue(): Record<string, Record<string, Record<string, unknown>>> {
  return {
    "/rooms": {
      send_message: { room_id: code, content: "hello", client_id: "fuzz-1" },
      set_mode: { room_id: code, mode: "chat" },
      set_controls: { room_id: code, controls: "everyone" },
      leave_room: { room_id: "zzzzzzzz" },
      close_room: { room_id: "zzzzzzzz" },
      join_room: { room_id: code },
      create_poll: { room_id: code, question: "Fuzz?", options: ["a", "b"], multiple: false, anonymous: false },
      vote: { poll_id: "nope", option_ids: ["nope"] },
      close_poll: { poll_id: "nope" },
      ask_question: { room_id: code, content: "Why?", anonymous: true },
      upvote_question: { question_id: "nope" },
      answer_question: { question_id: "nope" },
      delete_question: { question_id: "nope" },
      raise_hand: { room_id: code, raised: true },
      lower_hand: { room_id: code, user_id: "nope" },
      mute_participant: { room_id: code, user_id: "nope", minutes: 5 },
      remove_participant: { room_id: code, user_id: "nope", ban: false },
      unban_user: { room_id: code, user_id: "nope" },
      set_slow_mode: { room_id: code, seconds: 0 },
    },
    "/photos": {
      add_photo: { room_id: code, upload_id: "nope" },
      show_photo: { room_id: code, photo_id: "nope" },
      next_photo: { room_id: code },
      previous_photo: { room_id: code },
      remove_photo: { room_id: code, photo_id: "nope" },
      move_photo: { room_id: code, photo_id: "nope", to_index: 0 },
    },
    "/youtube": {
      load_video: { room_id: code, url: "https://www.youtube.com/watch?v=dQw4w9WgXcQ" },
      play: { room_id: code, position: 1 },
      pause: { room_id: code, position: 1 },
      seek: { room_id: code, position: 2 },
      set_rate: { room_id: code, rate: 1 },
      time_sync: {},
      queue_video: { room_id: code, url: "https://youtu.be/dQw4w9WgXcQ" },
      remove_queued: { room_id: code, item_id: "nope" },
      move_queued: { room_id: code, item_id: "nope", index: 0 },
      vote_skip: { room_id: code },
      video_ended: { room_id: code, video_id: "dQw4w9WgXcQ" },
    },
    "/reactions": { react: { room_id: code, emoji: "👍" } },
    "/chat": {
      send_message: { channel: slug, content: "hello", message_type: "text", client_id: "fuzz-2" },
      edit_message: { id: messageId, content: "edited" },
      delete_message: { id: "nope" },
      typing: { channel: slug, is_typing: true },
      mark_delivered: { id: messageId },
      mark_read: { channel: slug, message_id: messageId },
      react: { id: messageId, emoji: "👍" },
      leave_channel: { channel: "no-such-channel" },
      join_channel: { channel: slug },
      set_status: { status: "dnd" },
      set_idle: { idle: true },
    },
  };
}

/** Emits and returns the ack, waiting out RATE_LIMITED so deeper paths are reached too. */
async function probe(ns: string, event: string, payload: unknown): Promise<{ success: boolean; code?: string; error?: string }> {
  for (let attempt = 0; ; attempt++) {
    const socket = next(ns);
    const ack = payload === undefined ? await socket.timeout(10_000).emitWithAck(event) : await emitAck(socket, event, payload);
    if (ack?.code !== "RATE_LIMITED" || attempt > 20) return ack;
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe("socket payload fuzzing", () => {
  it("answers every event and every malformed payload with a contract ack, never INTERNAL", { timeout: 240_000 }, async () => {
    const failures: string[] = [];
    for (const [ns, events] of Object.entries(catalogue())) {
      for (const [event, base] of Object.entries(events)) {
        const cases: [string, unknown][] = WHOLE.map((w, i) => [`whole#${i}`, w]);
        for (const field of Object.keys(base)) {
          FIELD.forEach((value, i) => cases.push([`${field}#${i}`, { ...base, [field]: value }]));
        }
        for (const [label, payload] of cases) {
          let ack: { success: boolean; code?: string; error?: string };
          try {
            ack = await probe(ns, event, payload);
          } catch (err) {
            failures.push(`${ns} ${event} ${label}: no ack (${(err as Error).message})`);
            continue;
          }
          const wellFormed = typeof ack === "object" && ack !== null && typeof ack.success === "boolean";
          if (!wellFormed) failures.push(`${ns} ${event} ${label}: malformed ack ${JSON.stringify(ack)}`);
          else if (!ack.success && (!CLIENT_ERRORS.has(ack.code ?? "") || typeof ack.error !== "string")) {
            failures.push(`${ns} ${event} ${label}: ${JSON.stringify(ack)}`);
          }
        }
        expect(
          sockets.get(ns)!.every((s) => s.connected),
          `${ns} still connected after ${event}`,
        ).toBe(true);
      }
    }
    expect(failures).toEqual([]);
    // Fire-and-forget garbage (no ack callback) and unknown events are ignored without harm.
    for (const list of sockets.values()) {
      list[0]!.emit("send_message", { room_id: 5 });
      list[0]!.emit("no_such_event", { anything: true });
      list[0]!.emit("typing");
    }
    // Still serving: a real message goes through, the node is ready, nothing polluted.
    const ok = await probe("/rooms", "send_message", { room_id: code, content: "still here" });
    expect(ok.success).toBe(true);
    expect((await api("/api/ready")).status).toBe(200);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe("HTTP input the database cannot store", () => {
  it("refuses NUL characters and lone surrogates in bodies, queries and paths with VALIDATION_ERROR", async () => {
    const bad = ["a\u0000b", "\ud800"];
    for (const text of bad) {
      const post = await api(`/api/channels/${slug}/messages`, { token: host.token, body: { content: text } });
      expect(post.status).toBe(400);
      expect(post.body).toMatchObject({ success: false, code: "VALIDATION_ERROR", details: { content: [expect.any(String)] } });
      const note = await api("/api/notes", { token: host.token, body: { room_id: code, content: text } });
      expect(note.status).toBe(400);
    }
    // Multipart fields too (a direct message with a file), and the refused message keeps no file.
    const receiver = await createUser();
    const form = new FormData();
    form.set("receiver", receiver.id);
    form.set("message_type", "file");
    form.set("content", "caption\u0000");
    form.set("file", new Blob([new TextEncoder().encode("plain notes\n")]), "notes.txt");
    const multipart = await fetch(`${baseUrl()}/api/messages`, {
      method: "POST",
      headers: { authorization: `Bearer ${host.token}` },
      body: form,
    });
    expect(multipart.status).toBe(400);
    expect(((await multipart.json()) as { code: string }).code).toBe("VALIDATION_ERROR");
    expect((await api("/api/uploads/config", { token: host.token })).body.used_bytes).toBe(0);
    expect((await api(`/api/users?q=a%00b`, { token: host.token })).status).toBe(400);
    expect((await api(`/api/channels/${slug}/messages?before=a%00b`, { token: host.token })).status).toBe(400);
    const history = await api(`/api/channels/${slug}/messages`, { token: host.token });
    expect(history.body.messages.some((m: { content: string | null }) => m.content?.includes("\u0000"))).toBe(false);
  });
});
