import { afterEach, describe, expect, it } from "vitest";
import type { Socket } from "socket.io-client";
import { api, connect, createUser, emitAck, nextEvent, type TestUser } from "../helpers/client";

const open: Socket[] = [];
afterEach(() => {
  for (const s of open.splice(0)) s.close();
});

async function sock(ns: string, user: TestUser) {
  const s = await connect(ns, { token: user.token });
  open.push(s);
  return s;
}

async function roomWith(n: number) {
  const users = await Promise.all(Array.from({ length: n }, () => createUser()));
  const created = await api("/api/rooms", { token: users[0]!.token, body: { name: "Algebra night" } });
  expect(created.status).toBe(201);
  const code = created.body.room.room_id as string;
  const sockets: Socket[] = [];
  for (const u of users) {
    const s = await sock("/rooms", u);
    const ack = await emitAck(s, "join_room", { room_id: code });
    expect(ack.success).toBe(true);
    sockets.push(s);
  }
  return { users, code, sockets };
}

describe("rooms over HTTP", () => {
  it("creates a room with an 8-character code; lists it; participants only may read it", async () => {
    const host = await createUser();
    const outsider = await createUser();
    const res = await api("/api/rooms", { token: host.token, body: { name: "Maths" } });
    expect(res.body.room).toMatchObject({ name: "Maths", host_id: host.id, mode: "chat", controls: "everyone", is_open: true });
    expect(res.body.room.room_id).toMatch(/^[a-z0-9]{8}$/);
    expect(res.body.room.join_url).toContain(`/rooms/${res.body.room.room_id}`);
    const list = await api("/api/rooms", { token: host.token });
    expect(list.body.rooms.map((r: { room_id: string }) => r.room_id)).toContain(res.body.room.room_id);
    const code = res.body.room.room_id;
    expect((await api(`/api/rooms/${code}`, { token: outsider.token })).status).toBe(403);
    expect((await api(`/api/rooms/${code.toUpperCase()}`, { token: host.token })).status).toBe(200);
    expect((await api(`/api/rooms/zzzzzzzz`, { token: host.token })).status).toBe(404);
    expect((await api(`/api/rooms/bad`, { token: host.token })).status).toBe(400);
    expect((await api("/api/rooms", { token: host.token, body: { name: "" } })).status).toBe(400);
    // Joining by code (HTTP) makes the outsider a participant.
    expect((await api(`/api/rooms/${code}/join`, { method: "POST", token: outsider.token })).status).toBe(200);
    const detail = await api(`/api/rooms/${code}`, { token: outsider.token });
    expect(detail.body.participants.map((p: { id: string }) => p.id).sort()).toEqual([host.id, outsider.id].sort());
  });
});

describe("room chat and membership over /rooms", () => {
  it("broadcasts messages with an ack, stores them, and de-duplicates client_id resends", async () => {
    const { users, code, sockets } = await roomWith(3);
    const heard = Promise.all([nextEvent(sockets[1]!, "message_created"), nextEvent(sockets[2]!, "message_created")]);
    const ack = await emitAck(sockets[0]!, "send_message", { room_id: code, content: "Hello **room**", client_id: "c-1" });
    expect(ack).toMatchObject({
      success: true,
      message: { content: "Hello **room**", room_id: code, author: { id: users[0]!.id }, client_id: "c-1" },
    });
    const [a, b] = await heard;
    expect(a.message.id).toBe(ack.message.id);
    expect(b.message.id).toBe(ack.message.id);
    const again = await emitAck(sockets[0]!, "send_message", { room_id: code, content: "Hello **room**", client_id: "c-1" });
    expect(again.message.id).toBe(ack.message.id);
    // A late joiner sees the history (one copy).
    const late = await createUser();
    const lateSock = await sock("/rooms", late);
    const join = await emitAck(lateSock, "join_room", { room_id: code });
    expect(join.messages.filter((m: { id: string }) => m.id === ack.message.id)).toHaveLength(1);
    expect(join.participants).toHaveLength(4);
  });

  it("stores a burst of concurrent sends once each and broadcasts them in stored order", async () => {
    // Concurrent sends share group commits: a retry inside the same burst must still be stored
    // once, and what listeners hear must be the order history pages in.
    const { code, sockets, users } = await roomWith(5);
    const listener = await sock("/rooms", users[0]!);
    await emitAck(listener, "join_room", { room_id: code });
    const heard: string[] = [];
    listener.on("message_created", (p: { message: { id: string } }) => heard.push(p.message.id));
    const sends = sockets.flatMap((s, u) =>
      Array.from({ length: 4 }, (_, i) =>
        emitAck(s, "send_message", { room_id: code, content: `burst ${u}-${i}`, client_id: `burst-${u}-${i}` }),
      ),
    );
    const retry = emitAck(sockets[2]!, "send_message", { room_id: code, content: "burst 2-1", client_id: "burst-2-1" });
    const acks = await Promise.all([...sends, retry]);
    expect(acks.every((a) => a.success)).toBe(true);
    expect(acks.at(-1).message.id).toBe(acks[2 * 4 + 1].message.id);
    const ids = new Set(acks.map((a) => a.message.id as string));
    expect(ids.size).toBe(20);
    await expect.poll(() => heard.length).toBe(20);
    const history = await api(`/api/rooms/${code}/messages?limit=50`, { token: users[0]!.token });
    expect(history.body.messages.map((m: { id: string }) => m.id)).toEqual(heard);
    expect(history.body.messages.map((m: { author: { id: string } }) => m.author.id).sort()).toEqual(
      users.flatMap((u) => [u.id, u.id, u.id, u.id]).sort(),
    );
  });

  it("keeps the last 50 messages for late joiners", async () => {
    const { code, sockets, users } = await roomWith(1);
    for (let i = 0; i < 55; i++) {
      const r = await emitAck(sockets[0]!, "send_message", { room_id: code, content: `m${i}` });
      if (!r.success) {
        // stay under the 5/s limit
        await new Promise((res) => setTimeout(res, 250));
        i--;
      }
    }
    const late = await createUser();
    const ls = await sock("/rooms", late);
    const join = await emitAck(ls, "join_room", { room_id: code });
    expect(join.messages).toHaveLength(50);
    expect(join.messages[0].content).toBe("m5");
    expect(join.messages[49].content).toBe("m54");
    expect(users).toHaveLength(1);
  });

  it("pages the history back with `before` and catches up with `after`, oldest first, no gaps or repeats", async () => {
    const { code, sockets, users } = await roomWith(1);
    const sent: string[] = [];
    for (let i = 0; i < 12; i++) {
      const r = await emitAck(sockets[0]!, "send_message", { room_id: code, content: `p${i}` });
      if (!r.success) {
        await new Promise((res) => setTimeout(res, 250));
        i--;
        continue;
      }
      sent.push(r.message.id);
    }
    const t = users[0]!.token;
    const last = await api(`/api/rooms/${code}/messages?limit=5`, { token: t });
    expect(last.body.messages.map((m: { content: string }) => m.content)).toEqual(["p7", "p8", "p9", "p10", "p11"]);
    const older = await api(`/api/rooms/${code}/messages?limit=5&before=${last.body.next_cursor}`, { token: t });
    expect(older.body.messages.map((m: { content: string }) => m.content)).toEqual(["p2", "p3", "p4", "p5", "p6"]);
    const oldest = await api(`/api/rooms/${code}/messages?limit=5&before=${older.body.next_cursor}`, { token: t });
    expect(oldest.body.messages.map((m: { content: string }) => m.content)).toEqual(["p0", "p1"]);
    expect(oldest.body.next_cursor).toBeNull();
    const p3 = older.body.messages[1];
    const after = await api(`/api/rooms/${code}/messages?limit=4&after=${p3.cursor}`, { token: t });
    expect(after.body.messages.map((m: { content: string }) => m.content)).toEqual(["p4", "p5", "p6", "p7"]);
    const rest = await api(`/api/rooms/${code}/messages?limit=50&after=${after.body.next_cursor}`, { token: t });
    expect(rest.body.messages.map((m: { content: string }) => m.content)).toEqual(["p8", "p9", "p10", "p11"]);
    expect(rest.body.next_cursor).toBeNull();
    expect((await api(`/api/rooms/${code}/messages?before=garbage`, { token: t })).status).toBe(400);
    expect(sent).toHaveLength(12);
  });

  it("refuses bad payloads and over-long messages without storing anything", async () => {
    const { code, sockets, users } = await roomWith(1);
    const s = sockets[0]!;
    for (const payload of [
      undefined,
      {},
      { room_id: code },
      { room_id: code, content: "" },
      { room_id: 5, content: "x" },
      { room_id: code, content: "x".repeat(4001) },
    ]) {
      const ack = await emitAck(s, "send_message", payload);
      expect(ack).toMatchObject({ success: false, code: "VALIDATION_ERROR" });
    }
    const hist = await api(`/api/rooms/${code}`, { token: users[0]!.token });
    expect(hist.status).toBe(200);
    const join = await emitAck(s, "join_room", { room_id: code });
    expect(join.messages).toHaveLength(0);
  });

  it("non-participants cannot act; non-hosts cannot use host actions", async () => {
    const { code, sockets } = await roomWith(2);
    const outsider = await createUser();
    const os = await sock("/rooms", outsider);
    expect(await emitAck(os, "send_message", { room_id: code, content: "hi" })).toMatchObject({ success: false, code: "FORBIDDEN" });
    const ys = await sock("/youtube", outsider);
    expect(await emitAck(ys, "join_room", { room_id: code })).toMatchObject({ success: false, code: "FORBIDDEN" });
    expect(await emitAck(sockets[1]!, "set_mode", { room_id: code, mode: "photos" })).toMatchObject({ success: false, code: "FORBIDDEN" });
    expect(await emitAck(sockets[1]!, "close_room", { room_id: code })).toMatchObject({ success: false, code: "FORBIDDEN" });
    const changed = nextEvent(sockets[1]!, "mode_changed");
    expect(await emitAck(sockets[0]!, "set_mode", { room_id: code, mode: "photos" })).toMatchObject({
      success: true,
      room: { mode: "photos" },
    });
    expect(await changed).toEqual({ room_id: code, mode: "photos" });
    expect(await emitAck(sockets[0]!, "set_mode", { room_id: code, mode: "cinema" })).toMatchObject({
      success: false,
      code: "VALIDATION_ERROR",
    });
  });

  it("shows who is online and hands the room to the longest-present participant when the host leaves", async () => {
    const { users, code, sockets } = await roomWith(3);
    // users[2] disconnects (not leaving): still a participant, offline.
    const offline = (p: { participants: { id: string; online: boolean }[] }) =>
      p.participants.find((x) => x.id === users[2]!.id)?.online === false;
    const update = nextEvent(sockets[0]!, "participants", offline);
    sockets[2]!.close();
    const p = await update;
    expect(p.participants.map((x: { id: string }) => x.id)).toContain(users[2]!.id);
    const hostChanged = nextEvent(sockets[1]!, "host_changed");
    expect((await emitAck(sockets[0]!, "leave_room", { room_id: code })).success).toBe(true);
    expect(await hostChanged).toEqual({ room_id: code, host_id: users[1]!.id });
    const detail = await api(`/api/rooms/${code}`, { token: users[1]!.token });
    expect(detail.body.room.host_id).toBe(users[1]!.id);
    expect(detail.body.participants.map((x: { id: string }) => x.id)).not.toContain(users[0]!.id);
    expect((await api(`/api/rooms/${code}`, { token: users[0]!.token })).status).toBe(403);
  });

  it("closing tells everyone and sends them out; later joins get 410", async () => {
    const { users, code, sockets } = await roomWith(2);
    const ys = await sock("/youtube", users[1]!);
    await emitAck(ys, "join_room", { room_id: code });
    // The wait starts before the request; a dev server compiling the route on first use under load
    // can take longer than the default 10 s before the room even closes.
    const told = Promise.all([nextEvent(sockets[1]!, "room_closed", 60_000), nextEvent(ys, "room_closed", 60_000)]);
    const res = await api(`/api/rooms/${code}/close`, { method: "POST", token: users[0]!.token });
    expect(res.body.room.is_open).toBe(false);
    expect(await told).toEqual([{ room_id: code }, { room_id: code }]);
    expect(await emitAck(sockets[1]!, "send_message", { room_id: code, content: "still here?" })).toMatchObject({
      success: false,
      code: "GONE",
    });
    const newcomer = await createUser();
    expect((await api(`/api/rooms/${code}/join`, { method: "POST", token: newcomer.token })).status).toBe(410);
    const ns = await sock("/rooms", newcomer);
    expect(await emitAck(ns, "join_room", { room_id: code })).toMatchObject({ success: false, code: "GONE" });
    // Participants can still read what happened.
    expect((await api(`/api/notes?room_id=${code}`, { token: users[1]!.token })).status).toBe(200);
  });
});

describe("YouTube sync over /youtube", () => {
  it("loads any URL form, refuses anything else, and syncs play/pause/seek/rate with growing versions", async () => {
    const { users, code } = await roomWith(2);
    const a = await sock("/youtube", users[0]!);
    const b = await sock("/youtube", users[1]!);
    await emitAck(a, "join_room", { room_id: code });
    await emitAck(b, "join_room", { room_id: code });
    expect(await emitAck(a, "load_video", { room_id: code, url: "https://vimeo.com/1" })).toMatchObject({
      success: false,
      code: "INVALID_VIDEO",
    });
    expect(await emitAck(a, "play", { room_id: code, position: 1 })).toMatchObject({ success: false, code: "CONFLICT" });
    const seen = nextEvent(b, "youtube_state");
    const loaded = await emitAck(a, "load_video", { room_id: code, url: "https://youtu.be/dQw4w9WgXcQ?t=30" });
    expect(loaded.state).toMatchObject({ room_id: code, video_id: "dQw4w9WgXcQ", playing: false, position: 30, rate: 1 });
    expect((await seen).version).toBe(loaded.state.version);
    const played = await emitAck(b, "play", { room_id: code, position: 30 });
    expect(played.state.playing).toBe(true);
    expect(played.state.version).toBeGreaterThan(loaded.state.version);
    const rate = await emitAck(a, "set_rate", { room_id: code, rate: 1.5 });
    expect(rate.state.rate).toBe(1.5);
    expect(await emitAck(a, "set_rate", { room_id: code, rate: 3 })).toMatchObject({ success: false, code: "VALIDATION_ERROR" });
    expect(await emitAck(a, "seek", { room_id: code, position: -1 })).toMatchObject({ success: false, code: "VALIDATION_ERROR" });
    const paused = await emitAck(a, "pause", { room_id: code, position: 42 });
    expect(paused.state).toMatchObject({ playing: false, position: 42 });
    expect(paused.state.version).toBeGreaterThan(rate.state.version);
    const clock = await emitAck(a, "time_sync", {});
    expect(Math.abs(clock.server_now - Date.now())).toBeLessThan(5000);
  });

  it("gives a late joiner the position advanced by the elapsed time", async () => {
    const { users, code } = await roomWith(2);
    const a = await sock("/youtube", users[0]!);
    await emitAck(a, "join_room", { room_id: code });
    await emitAck(a, "load_video", { room_id: code, url: "dQw4w9WgXcQ" });
    const played = await emitAck(a, "play", { room_id: code, position: 100 });
    await new Promise((r) => setTimeout(r, 1200));
    const b = await sock("/youtube", users[1]!);
    const join = await emitAck(b, "join_room", { room_id: code });
    const elapsed = (join.state.server_now - played.state.updated_at) / 1000;
    expect(elapsed).toBeGreaterThan(1);
    expect(join.state.position).toBeCloseTo(played.state.position + elapsed, 2);
    expect(join.state.updated_at).toBe(join.state.server_now);
  });

  it("follows the room's controls: host-only blocks others", async () => {
    const { users, code, sockets } = await roomWith(2);
    await emitAck(sockets[0]!, "set_controls", { room_id: code, controls: "host" });
    const b = await sock("/youtube", users[1]!);
    await emitAck(b, "join_room", { room_id: code });
    expect(await emitAck(b, "load_video", { room_id: code, url: "dQw4w9WgXcQ" })).toMatchObject({ success: false, code: "FORBIDDEN" });
    const a = await sock("/youtube", users[0]!);
    await emitAck(a, "join_room", { room_id: code });
    expect((await emitAck(a, "load_video", { room_id: code, url: "dQw4w9WgXcQ" })).success).toBe(true);
  });
});

describe("notes", () => {
  it("stamps notes with the video position, broadcasts them, orders by timecode, exports Markdown", async () => {
    const { users, code, sockets } = await roomWith(2);
    const y = await sock("/youtube", users[0]!);
    await emitAck(y, "join_room", { room_id: code });
    await emitAck(y, "load_video", { room_id: code, url: "dQw4w9WgXcQ" });
    await emitAck(y, "pause", { room_id: code, position: 95 });
    const live = nextEvent(sockets[1]!, "note_created");
    const created = await api("/api/notes/", { token: users[0]!.token, body: { room_id: code, content: "Definition importante" } });
    expect(created.status).toBe(201);
    expect(created.body.note).toMatchObject({
      room_id: code,
      content: "Definition importante",
      timecode: 95,
      video_id: "dQw4w9WgXcQ",
      author: { id: users[0]!.id },
    });
    expect((await live).note.id).toBe(created.body.note.id);
    await api("/api/notes/", { token: users[1]!.token, body: { room_id: code, content: "Earlier point", timecode: 12.5 } });
    const list = await api(`/api/notes/?room_id=${code}`, { token: users[1]!.token });
    expect(list.body.notes.map((n: { timecode: number }) => n.timecode)).toEqual([12.5, 95]);
    const md = await fetch(`${(await import("../helpers/client")).baseUrl()}/api/rooms/${code}/notes.md`, {
      headers: { authorization: `Bearer ${users[0]!.token}` },
    });
    expect(md.headers.get("content-type")).toContain("text/markdown");
    const text = await md.text();
    expect(text).toContain("# Algebra night");
    expect(text).toContain("- **[1:35](https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=95s)** Definition importante");
    expect(text.indexOf("[0:12]")).toBeLessThan(text.indexOf("[1:35]"));
  });

  it("refuses outsiders and bad input; only the author or host deletes", async () => {
    const { users, code } = await roomWith(3);
    const outsider = await createUser();
    expect((await api(`/api/notes?room_id=${code}`, { token: outsider.token })).status).toBe(403);
    expect((await api("/api/notes", { token: outsider.token, body: { room_id: code, content: "x" } })).status).toBe(403);
    const bad = await api("/api/notes", { token: users[1]!.token, body: { room_id: code, content: "x".repeat(2001), timecode: -3 } });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.details ?? {}).sort()).toEqual(["content", "timecode"]);
    expect((await api("/api/notes", { token: users[1]!.token, body: { content: "x" } })).status).toBe(400);
    const note = (await api("/api/notes", { token: users[1]!.token, body: { room_id: code, content: "mine" } })).body.note;
    expect((await api(`/api/notes/${note.id}`, { method: "DELETE", token: users[2]!.token })).status).toBe(403);
    expect((await api(`/api/notes/${note.id}`, { method: "DELETE", token: users[0]!.token })).status).toBe(200);
    expect((await api(`/api/notes?room_id=${code}`, { token: users[1]!.token })).body.notes).toHaveLength(0);
  });
});

describe("reactions over /reactions", () => {
  it("broadcasts an emoji with the video time in youtube mode, and limits each user to 5 a second", async () => {
    const { users, code } = await roomWith(2);
    const y = await sock("/youtube", users[0]!);
    await emitAck(y, "join_room", { room_id: code });
    await emitAck(y, "load_video", { room_id: code, url: "dQw4w9WgXcQ" });
    await emitAck(y, "pause", { room_id: code, position: 61 });
    const a = await sock("/reactions", users[0]!);
    const b = await sock("/reactions", users[1]!);
    await emitAck(a, "join_room", { room_id: code });
    await emitAck(b, "join_room", { room_id: code });
    const heard = nextEvent(b, "reaction");
    const ack = await emitAck(a, "react", { room_id: code, emoji: "🎉" });
    expect(ack.reaction).toMatchObject({ room_id: code, emoji: "🎉", video_time: 61, user: { id: users[0]!.id } });
    // The contract's fields, and the tick's batch beside them.
    expect(await heard).toEqual({
      ...ack.reaction,
      batch: [{ emoji: "🎉", count: 1, user_ids: [users[0]!.id], video_time: 61 }],
      total: 1,
    });
    expect(await emitAck(a, "react", { room_id: code, emoji: "not emoji" })).toMatchObject({ success: false, code: "VALIDATION_ERROR" });
    const burst = await Promise.all(Array.from({ length: 8 }, () => emitAck(a, "react", { room_id: code, emoji: "👍" })));
    const limited = burst.filter((r) => !r.success);
    expect(limited.length).toBeGreaterThanOrEqual(4);
    expect(limited[0]).toMatchObject({ code: "RATE_LIMITED" });
    // Another user is not affected by the first one's flood.
    expect((await emitAck(b, "react", { room_id: code, emoji: "❤️" })).success).toBe(true);
    // The timeline strip for late joiners.
    const c = await sock("/reactions", users[1]!);
    const join = await emitAck(c, "join_room", { room_id: code });
    expect(join.timeline.video_id).toBe("dQw4w9WgXcQ");
    expect(join.timeline.reactions.length).toBeGreaterThanOrEqual(2);
  });

  it("a burst from several users arrives in batches whose counts add up exactly, each event valid for a one-reaction listener", async () => {
    const { users, code } = await roomWith(5);
    const reactors = await Promise.all(users.slice(0, 4).map((u) => sock("/reactions", u)));
    const watcher = await sock("/reactions", users[4]!);
    for (const s of [...reactors, watcher]) expect((await emitAck(s, "join_room", { room_id: code })).success).toBe(true);
    type Event = {
      room_id: string;
      emoji: string;
      user: { id: string; name: string };
      video_time?: number;
      at: string;
      batch: { emoji: string; count: number; user_ids: string[]; video_time?: number }[];
      total: number;
    };
    const events: Event[] = [];
    watcher.on("reaction", (e: Event) => events.push(e));
    const emojis = ["👍", "🎉", "❤️"];
    // 7 each at once: the limit (5 a second per user) refuses some, the rest arrive, counted.
    const sent = await Promise.all(
      reactors.flatMap((s, u) =>
        Array.from({ length: 7 }, (_, n) => emitAck(s, "react", { room_id: code, emoji: emojis[(u + n) % 3] }).then((ack) => ({ ack, u }))),
      ),
    );
    const ok = sent.filter((r) => r.ack.success);
    const refused = sent.filter((r) => !r.ack.success);
    for (const u of [0, 1, 2, 3]) expect(ok.filter((r) => r.u === u).length).toBeLessThanOrEqual(5);
    expect(refused.length).toBeGreaterThanOrEqual(8);
    for (const r of refused) expect(r.ack).toMatchObject({ success: false, code: "RATE_LIMITED" });
    for (const r of ok)
      expect(r.ack.reaction).toEqual({
        room_id: code,
        emoji: expect.any(String),
        user: expect.objectContaining({ id: users[r.u]!.id }),
        at: expect.any(String),
      });

    const expected = new Map<string, { count: number; users: Set<string> }>();
    for (const r of ok) {
      const e = expected.get(r.ack.reaction.emoji) ?? { count: 0, users: new Set<string>() };
      e.count++;
      e.users.add(users[r.u]!.id);
      expected.set(r.ack.reaction.emoji, e);
    }
    const seen = () => events.reduce((n, e) => n + e.total, 0);
    while (seen() < ok.length) await nextEvent(watcher, "reaction");
    // A straggler would be a duplicate: give one more tick's worth of events a chance to arrive.
    await emitAck(watcher, "join_room", { room_id: code });
    expect(seen()).toBe(ok.length);
    expect(Math.max(...events.map((e) => e.total))).toBeGreaterThan(1);

    const got = new Map<string, { count: number; users: Set<string> }>();
    for (const e of events) {
      // What a listener written against one reaction per event reads is a real reaction of the tick.
      expect(e.room_id).toBe(code);
      expect(Number.isNaN(Date.parse(e.at))).toBe(false);
      expect(e.video_time).toBeUndefined();
      expect(typeof e.user.name).toBe("string");
      expect(e.batch.find((g) => g.emoji === e.emoji)?.user_ids).toContain(e.user.id);
      expect(e.total).toBe(e.batch.reduce((n, g) => n + g.count, 0));
      for (const g of e.batch) {
        expect(new Set(g.user_ids).size).toBe(g.user_ids.length);
        expect(g.user_ids.length).toBeLessThanOrEqual(g.count);
        const acc = got.get(g.emoji) ?? { count: 0, users: new Set<string>() };
        acc.count += g.count;
        for (const id of g.user_ids) acc.users.add(id);
        got.set(g.emoji, acc);
      }
    }
    expect(new Map([...got].map(([k, v]) => [k, { count: v.count, users: [...v.users].sort() }]))).toEqual(
      new Map([...expected].map(([k, v]) => [k, { count: v.count, users: [...v.users].sort() }])),
    );
  });

  it("reactions in photos mode reach the room, and a closed room takes none", async () => {
    const { users, code, sockets } = await roomWith(2);
    expect((await emitAck(sockets[0]!, "set_mode", { room_id: code, mode: "photos" })).success).toBe(true);
    const a = await sock("/reactions", users[0]!);
    const b = await sock("/reactions", users[1]!);
    await emitAck(a, "join_room", { room_id: code });
    await emitAck(b, "join_room", { room_id: code });
    const heard = nextEvent(b, "reaction");
    const ack = await emitAck(a, "react", { room_id: code, emoji: "👏" });
    expect(ack).toMatchObject({ success: true, reaction: { room_id: code, emoji: "👏", user: { id: users[0]!.id } } });
    expect(await heard).toMatchObject({ emoji: "👏", total: 1, batch: [{ emoji: "👏", count: 1, user_ids: [users[0]!.id] }] });
    expect((await emitAck(sockets[0]!, "close_room", { room_id: code })).success).toBe(true);
    expect(await emitAck(a, "react", { room_id: code, emoji: "👏" })).toMatchObject({ success: false, code: "GONE" });
  });
});
