// Two production nodes on one PostgreSQL and one Redis, with clients split across them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClient } from "redis";
import type { Socket } from "socket.io-client";
import { SequencedLog } from "../../lib/chat/sequence";
import type { AppNode } from "../setup/nodes";
import {
  api,
  connect,
  createUser,
  emitAck,
  nextEvent,
  redisPrefix,
  sleep,
  startClusterNode,
  startPostgres,
  startRedis,
  waitFor,
  type ClusterUser,
  type Postgres,
  type RedisServer,
} from "./harness";

let pg: Postgres;
let redis: RedisServer;
let prefix: string;
let a: AppNode;
let b: AppNode;
const sockets: Socket[] = [];

async function sock(node: AppNode, ns: string, user: ClusterUser, options: { reconnection?: boolean } = {}) {
  const s = await connect(node.baseUrl, ns, user.token, options);
  sockets.push(s);
  return s;
}

async function roomOn(node: AppNode, host: ClusterUser): Promise<string> {
  const res = await api(node.baseUrl, "/api/rooms", { token: host.token, body: { name: "cluster room" } });
  expect(res.status).toBe(201);
  return res.body.room.room_id;
}

async function joined(node: AppNode, ns: string, user: ClusterUser, code: string) {
  const s = await sock(node, ns, user);
  const ack = await emitAck(s, "join_room", { room_id: code });
  expect(ack.success, JSON.stringify(ack)).toBe(true);
  return s;
}

/** Send, waiting out the 5-a-second limit instead of dropping. */
async function sendPaced(socket: Socket, code: string, content: string) {
  for (;;) {
    const ack = await emitAck(socket, "send_message", { room_id: code, content });
    if (ack.success) return ack.message;
    if (ack.code !== "RATE_LIMITED") throw new Error(JSON.stringify(ack));
    await sleep(250);
  }
}

// A 4 s presence grace: long enough to reconnect within, short enough to await its end.
const GRACE_MS = 4000;
const nodeEnv = { PRESENCE_GRACE_MS: String(GRACE_MS) };

beforeAll(async () => {
  pg = await startPostgres();
  redis = await startRedis();
  prefix = redisPrefix();
  a = await startClusterNode(pg.url, redis.url, prefix, nodeEnv);
  b = await startClusterNode(pg.url, redis.url, prefix, nodeEnv);
});

afterAll(async () => {
  for (const s of sockets) s.close();
  await Promise.all([a?.stop(), b?.stop()]);
  await redis?.stop();
  await pg?.dispose();
});

describe("two nodes behind one Redis", () => {
  it("carries room chat, participants and host actions across nodes", async () => {
    const u1 = await createUser(a.baseUrl);
    const u2 = await createUser(b.baseUrl);
    const code = await roomOn(a, u1);
    const s1 = await joined(a, "/rooms", u1, code);
    const online = nextEvent(s1, "participants", (p: any) => p.participants.some((x: any) => x.id === u2.id && x.online));
    const s2 = await joined(b, "/rooms", u2, code);
    await online;
    const heard = nextEvent(s2, "message_created");
    const ack = await emitAck(s1, "send_message", { room_id: code, content: "from node A" });
    expect((await heard).message.id).toBe(ack.message.id);
    const back = nextEvent(s1, "message_created", (p: any) => p.message.content === "from node B");
    await emitAck(s2, "send_message", { room_id: code, content: "from node B" });
    expect((await back).message.content).toBe("from node B");
    const mode = nextEvent(s2, "mode_changed");
    await emitAck(s1, "set_mode", { room_id: code, mode: "youtube" });
    expect(await mode).toEqual({ room_id: code, mode: "youtube" });
  });

  it("shares the YouTube state: a late joiner on the other node starts at the right position", async () => {
    const u1 = await createUser(a.baseUrl);
    const u2 = await createUser(b.baseUrl);
    const code = await roomOn(a, u1);
    await api(b.baseUrl, `/api/rooms/${code}/join`, { method: "POST", token: u2.token });
    const y1 = await joined(a, "/youtube", u1, code);
    await emitAck(y1, "load_video", { room_id: code, url: "https://www.youtube.com/watch?v=dQw4w9WgXcQ" });
    const played = await emitAck(y1, "play", { room_id: code, position: 10 });
    await sleep(1500);
    const y2 = await sock(b, "/youtube", u2);
    const join = await emitAck(y2, "join_room", { room_id: code });
    const elapsed = (join.state.server_now - played.state.updated_at) / 1000;
    expect(elapsed).toBeGreaterThan(1.4);
    expect(join.state.position).toBeCloseTo(played.state.position + elapsed, 1);
    const paused = nextEvent(y2, "youtube_state", (s: any) => s.version > join.state.version);
    const p = await emitAck(y1, "pause", { room_id: code, position: 42 });
    expect(await paused).toMatchObject({ playing: false, position: 42, version: p.state.version });
  });

  it("class interaction across nodes: a vote on A moves the poll on B; the queue advances once with ends reported on both", async () => {
    const host = await createUser(a.baseUrl);
    const voter = await createUser(b.baseUrl);
    const code = await roomOn(a, host);
    const hs = await joined(a, "/rooms", host, code);
    const vs = await joined(b, "/rooms", voter, code);
    const poll = (await emitAck(hs, "create_poll", { room_id: code, question: "Across?", options: ["yes", "no"] })).poll;
    const hostSees = nextEvent(hs, "poll_updated", (p: any) => p.poll.id === poll.id && p.poll.total_voters === 1);
    expect((await emitAck(vs, "vote", { poll_id: poll.id, option_ids: [poll.options[0].id] })).success).toBe(true);
    const seen = (await hostSees).poll;
    expect(seen.options[0].votes).toBe(1);
    expect(seen.options[0].voters.map((v: any) => v.id)).toEqual([voter.id]);

    const ya = await joined(a, "/youtube", host, code);
    const yb = await joined(b, "/youtube", voter, code);
    await emitAck(ya, "queue_video", { room_id: code, url: "dQw4w9WgXcQ" });
    await emitAck(yb, "queue_video", { room_id: code, url: "9bZkp7q5f_w" });
    const bHears = nextEvent(yb, "youtube_state", (st: any) => st.video_id === "9bZkp7q5f_w");
    const ends = await Promise.all([ya, yb, ya, yb].map((s) => emitAck(s, "video_ended", { room_id: code, video_id: "dQw4w9WgXcQ" })));
    expect(ends.filter((e) => e.advanced)).toHaveLength(1);
    expect((await bHears).queue).toEqual([]);
  });

  it("a mute or slow mode set on A holds sends on B within about a second (what a node trusts of them)", async () => {
    const host = await createUser(a.baseUrl);
    const student = await createUser(b.baseUrl);
    const code = await roomOn(a, host);
    const hs = await joined(a, "/rooms", host, code);
    const ss = await joined(b, "/rooms", student, code);
    // B reads (and keeps for a second) that the student may send.
    expect((await emitAck(ss, "send_message", { room_id: code, content: "before" })).success).toBe(true);
    expect((await emitAck(hs, "mute_participant", { room_id: code, user_id: student.id, minutes: 5 })).success).toBe(true);
    const mutedAt = Date.now();
    let refusal: any;
    while (!refusal && Date.now() - mutedAt < 5_000) {
      const ack = await emitAck(ss, "send_message", { room_id: code, content: "during" });
      // (The per-account message limit may answer first: it is not what this waits for.)
      if (!ack.success && ack.code !== "RATE_LIMITED") refusal = ack;
      else await new Promise((r) => setTimeout(r, 300));
    }
    expect(refusal).toMatchObject({ success: false, code: "MUTED" });
    // Lifted, and slow mode on instead: once B reads again, its sends answer the slow mode (their
    // last message is seconds old), no longer the mute.
    expect((await emitAck(hs, "mute_participant", { room_id: code, user_id: student.id, minutes: 0 })).success).toBe(true);
    expect((await emitAck(hs, "set_slow_mode", { room_id: code, seconds: 60 })).success).toBe(true);
    await new Promise((r) => setTimeout(r, 1_500));
    expect(await emitAck(ss, "send_message", { room_id: code, content: "too soon" })).toMatchObject({
      success: false,
      code: "RATE_LIMITED",
    });
  });

  it("keeps a user online until the last tab on any node closes", async () => {
    const u = await createUser(a.baseUrl);
    const viewer = await createUser(b.baseUrl);
    const onlineVia = async (node: AppNode) => (await api(node.baseUrl, `/api/users/${u.id}`, { token: viewer.token })).body.user.online;
    const tabA = await sock(a, "/chat", u);
    const tabB = await sock(b, "/chat", u);
    expect(await onlineVia(b)).toBe(true);
    tabA.close();
    await sleep(300);
    expect(await onlineVia(a)).toBe(true);
    expect(await onlineVia(b)).toBe(true);
    tabB.close();
    await waitFor(async () => (await onlineVia(a)) === false);
  });

  it("shares rate limits between nodes", async () => {
    const u = await createUser(a.baseUrl);
    const code = await roomOn(a, u);
    const ra = await joined(a, "/reactions", u, code);
    const rb = await joined(b, "/reactions", u, code);
    const results = await Promise.all([
      ...Array.from({ length: 4 }, () => emitAck(ra, "react", { room_id: code, emoji: "👍" })),
      ...Array.from({ length: 4 }, () => emitAck(rb, "react", { room_id: code, emoji: "🎉" })),
    ]);
    const ok = results.filter((r) => r.success).length;
    expect(ok).toBeLessThanOrEqual(5);
    expect(ok).toBeGreaterThanOrEqual(4);
    expect(results.filter((r) => !r.success).every((r) => r.code === "RATE_LIMITED")).toBe(true);
  });

  it("delivers reaction batches from both nodes to listeners on both, counts adding up exactly", async () => {
    const users = await Promise.all(Array.from({ length: 4 }, () => createUser(a.baseUrl)));
    const code = await roomOn(a, users[0]!);
    for (const [i, u] of users.entries()) await joined(i % 2 ? b : a, "/rooms", u, code);
    const reactors = await Promise.all(users.map((u, i) => joined(i % 2 ? b : a, "/reactions", u, code)));
    const listeners = await Promise.all([joined(a, "/reactions", users[0]!, code), joined(b, "/reactions", users[1]!, code)]);
    const totals = listeners.map(() => ({ n: 0, byEmoji: new Map<string, number>() }));
    listeners.forEach((l, i) =>
      l.on("reaction", (e: { total: number; batch: { emoji: string; count: number }[] }) => {
        totals[i]!.n += e.total;
        for (const g of e.batch) totals[i]!.byEmoji.set(g.emoji, (totals[i]!.byEmoji.get(g.emoji) ?? 0) + g.count);
      }),
    );
    const acks = await Promise.all(
      reactors.flatMap((r, i) => Array.from({ length: 3 }, () => emitAck(r, "react", { room_id: code, emoji: i % 2 ? "🎉" : "👍" }))),
    );
    expect(acks.every((r) => r.success)).toBe(true);
    await waitFor(async () => totals.every((t) => t.n >= 12));
    await sleep(500);
    for (const t of totals) {
      expect(t.n).toBe(12);
      expect(Object.fromEntries(t.byEmoji)).toEqual({ "👍": 6, "🎉": 6 });
    }
  });

  it("counts failed sign-ins per address across nodes, and never successful ones", async () => {
    const u = await createUser(a.baseUrl);
    const address = `100.66.${Math.floor(Math.random() * 250) + 1}.${Math.floor(Math.random() * 250) + 1}`;
    const password = "cluster password"; // harness createUser
    const signIn = (node: AppNode, pass: string) =>
      api(node.baseUrl, "/api/auth/token", { body: { username: u.username, password: pass }, headers: { "x-forwarded-for": address } });
    // 40 successful sign-ins split over the nodes: more than the address's 30, none refused.
    for (let i = 0; i < 40; i++) expect((await signIn(i % 2 ? b : a, password)).status).toBe(200);
    // 30 failures split over the nodes use the shared budget up (different accounts: no account lock).
    for (let i = 0; i < 30; i++) {
      const r = await api((i % 2 ? b : a).baseUrl, "/api/auth/token", {
        body: { username: `nobody${i}x`, password: "guess" },
        headers: { "x-forwarded-for": address },
      });
      expect(r.status).toBe(401);
    }
    expect((await signIn(a, "guess")).status).toBe(429);
    expect((await signIn(b, password)).status).toBe(429);
  });

  it("caps a user's sockets across both nodes", async () => {
    const u = await createUser(a.baseUrl);
    const open = [
      ...(await Promise.all(Array.from({ length: 10 }, () => sock(a, "/chat", u)))),
      ...(await Promise.all(Array.from({ length: 10 }, () => sock(b, "/chat", u)))),
    ];
    await expect(connect(a.baseUrl, "/chat", u.token)).rejects.toThrow("RATE_LIMITED");
    await expect(connect(b.baseUrl, "/chat", u.token)).rejects.toThrow("RATE_LIMITED");
    open[0]!.close();
    await waitFor(async () => {
      const s = await connect(b.baseUrl, "/chat", u.token).catch(() => null);
      if (s) sockets.push(s);
      return !!s;
    });
  });

  it("logout on one node disconnects the user's sockets on both", async () => {
    const u = await createUser(a.baseUrl);
    const onA = await sock(a, "/rooms", u);
    const onB = await sock(b, "/chat", u);
    const gone = Promise.all([new Promise((r) => onA.once("disconnect", r)), new Promise((r) => onB.once("disconnect", r))]);
    expect((await api(a.baseUrl, "/api/auth/logout", { method: "POST", token: u.token })).status).toBe(200);
    await gone;
    expect((await api(b.baseUrl, "/api/me", { token: u.token })).status).toBe(401);
  });
});

describe("campus chat across nodes", () => {
  async function channelWith(users: ClusterUser[]) {
    const res = await api(a.baseUrl, "/api/channels", { token: users[0]!.token, body: { name: `cluster ${Date.now()}`, type: "public" } });
    expect(res.status).toBe(201);
    const slug = res.body.channel.slug as string;
    for (const u of users.slice(1))
      expect((await api(b.baseUrl, `/api/channels/${slug}/join`, { method: "POST", token: u.token })).status).toBe(200);
    return slug;
  }

  it("delivers channel messages and direct-message receipts between nodes", async () => {
    const u1 = await createUser(a.baseUrl);
    const u2 = await createUser(b.baseUrl);
    const slug = await channelWith([u1, u2]);
    const c1 = await sock(a, "/chat", u1);
    const c2 = await sock(b, "/chat", u2);
    expect((await emitAck(c1, "join_channel", { channel: slug })).success).toBe(true);
    expect((await emitAck(c2, "join_channel", { channel: slug })).success).toBe(true);
    const heard = nextEvent(c2, "message_created", (m: any) => m.content === "across");
    const sent = await emitAck(c1, "send_message", { channel: slug, content: "across" });
    expect(sent.success).toBe(true);
    expect((await heard).id).toBe(sent.message.id);

    const dmHeard = nextEvent(c2, "message_created", (m: any) => m.content === "psst");
    const dm = await emitAck(c1, "send_message", { receiver: u2.id, content: "psst" });
    await dmHeard;
    const delivered = nextEvent(c1, "message_delivered", (p: any) => p.id === dm.message.id);
    expect((await emitAck(c2, "mark_delivered", { id: dm.message.id })).success).toBe(true);
    await delivered;
    const read = nextEvent(c1, "message_read", (p: any) => p.id === dm.message.id);
    expect((await emitAck(c2, "mark_read", { id: dm.message.id })).success).toBe(true);
    await read;
  });

  it("announces a user offline only when their last tab on any node closes", async () => {
    const u1 = await createUser(a.baseUrl);
    const watcher = await createUser(b.baseUrl);
    await channelWith([watcher, u1]);
    const w = await sock(b, "/chat", watcher);
    const updates: { online: boolean }[] = [];
    w.on("presence_update", (p: any) => p.user_id === u1.id && updates.push(p));
    const tabA = await sock(a, "/chat", u1);
    await waitFor(async () => updates.some((p) => p.online));
    const tabB = await sock(b, "/chat", u1);
    await sleep(500);
    expect(updates.filter((p) => p.online)).toHaveLength(1);
    tabA.close();
    await sleep(1000);
    expect(updates.some((p) => !p.online)).toBe(false);
    tabB.close();
    await waitFor(async () => updates.some((p) => !p.online));
    expect(updates.map((p) => p.online)).toEqual([true, false]);
  });

  it("a user joining a channel on the other node hears its online members, and they hear the joiner", async () => {
    const member = await createUser(a.baseUrl);
    const joiner = await createUser(b.baseUrl);
    const res = await api(a.baseUrl, "/api/channels", { token: member.token, body: { name: `late ${Date.now()}`, type: "public" } });
    const slug = res.body.channel.slug as string;
    const m = await sock(a, "/chat", member);
    const snapshots: string[][] = [];
    const updates: { online: boolean }[] = [];
    m.on("presence_update", (p: any) => p.user_id === joiner.id && updates.push(p));
    const j = await connect(b.baseUrl, "/chat", joiner.token);
    sockets.push(j);
    j.on("presence_snapshot", (p: any) => snapshots.push(p.online_user_ids));
    expect((await emitAck(j, "join_channel", { channel: slug })).success).toBe(true);
    await waitFor(async () => snapshots.some((ids) => ids.includes(member.id)));
    await waitFor(async () => updates.some((p) => p.online));
    j.close();
    await waitFor(async () => updates.some((p) => !p.online));
  });
});

describe("a course channel across nodes", () => {
  interface Msg {
    id: string;
    seq: number;
    content: string;
    channel?: string;
  }

  async function courseOf(n: number) {
    const users = await Promise.all(Array.from({ length: n }, (_, i) => createUser(i % 2 ? b.baseUrl : a.baseUrl)));
    const res = await api(a.baseUrl, "/api/channels", { token: users[0]!.token, body: { name: `course ${Date.now()}`, type: "public" } });
    expect(res.status).toBe(201);
    const slug = res.body.channel.slug as string;
    await Promise.all(
      users
        .slice(1)
        .map(async (u, i) =>
          expect((await api(i % 2 ? a.baseUrl : b.baseUrl, `/api/channels/${slug}/join`, { method: "POST", token: u.token })).status).toBe(
            200,
          ),
        ),
    );
    return { users, slug };
  }

  /** A receiver as the browser is one: messages in seq order, gaps and resyncs filled by cursor. */
  async function receiver(node: AppNode, user: ClusterUser, slug: string) {
    const socket = await sock(node, "/chat", user);
    const opened = await emitAck(socket, "join_channel", { channel: slug });
    expect(opened.success).toBe(true);
    const log = new SequencedLog<Msg>(opened.messages);
    let busy = false;
    let again = false;
    let fetches = 0;
    const errors: string[] = [];
    const catchUp = async (): Promise<void> => {
      if (busy) {
        again = true;
        return;
      }
      busy = true;
      try {
        do {
          again = false;
          for (;;) {
            const cursor = log.catchUpCursor();
            const res = await api(node.baseUrl, `/api/channels/${slug}/messages?limit=100${cursor ? `&after=${cursor}` : ""}`, {
              token: user.token,
            });
            if (res.status !== 200) {
              errors.push(`${res.status} ${JSON.stringify(res.body)}`);
              return;
            }
            fetches++;
            const gapLeft = log.applyCatchUp(res.body.messages, res.body.next_cursor === null);
            if (res.body.next_cursor === null && !gapLeft) break;
            if (gapLeft) await sleep(50);
          }
        } while (again);
      } finally {
        busy = false;
      }
    };
    socket.on("message_created", (m: Msg) => {
      if (m.channel === slug && log.receive(m)) void catchUp();
    });
    socket.on("resync", () => void catchUp());
    return { log, catchUp, fetches: () => fetches, errors, node: node === a ? "A" : "B" };
  }

  async function fullHistory(user: ClusterUser, slug: string): Promise<Msg[]> {
    const all: Msg[] = [];
    for (let cursor: string | null = null, first = true; first || cursor; first = false) {
      const res = await api(a.baseUrl, `/api/channels/${slug}/messages?limit=100${cursor ? `&before=${cursor}` : ""}`, {
        token: user.token,
      });
      all.unshift(...res.body.messages);
      cursor = res.body.next_cursor;
    }
    return all;
  }

  it("unread counts are exact across nodes", async () => {
    const { users, slug } = await courseOf(4);
    const [u0, u1, u2] = users;
    const onB = await sock(b, "/chat", u1!);
    const heard = nextEvent(onB, "unread_update", (p: any) => p.channel === slug && p.unread_count === 2);
    const sender = await sock(a, "/chat", u0!);
    const m1 = await emitAck(sender, "send_message", { channel: slug, content: "one" });
    await emitAck(sender, "send_message", { channel: slug, content: "two" });
    await heard;
    const reader = await sock(a, "/chat", u1!);
    const otherTab = nextEvent(onB, "unread_update", (p: any) => p.channel === slug && p.unread_count === 1);
    expect(await emitAck(reader, "mark_read", { channel: slug, message_id: m1.message.id })).toMatchObject({
      success: true,
      unread_count: 1,
    });
    await otherTab;
    const count = async (node: AppNode, u: ClusterUser) =>
      ((await api(node.baseUrl, "/api/channels", { token: u.token })).body.channels as any[]).find((c) => c.slug === slug).unread_count;
    expect(await count(b, u1!)).toBe(1);
    expect(await count(a, u2!)).toBe(2);
    expect(await count(b, u0!)).toBe(0);
  });

  it("Redis stopped for 5 s during traffic: every receiver ends with every message once, in order, without reloading", async () => {
    const { users, slug } = await courseOf(20);
    const warm = await sock(a, "/chat", users[0]!);
    expect((await emitAck(warm, "send_message", { channel: slug, content: "welcome" })).success).toBe(true);
    const receivers = await Promise.all(users.slice(10).map((u, i) => receiver(i % 2 ? b : a, u, slug)));
    const senders = await Promise.all(users.slice(0, 10).map((u, i) => sock(i % 2 ? b : a, "/chat", u)));
    const refusals: string[] = [];
    const acked = new Set<string>();
    let running = true;
    // 10 senders at 2.5 messages a second each, over both nodes; a refused or unanswered send is
    // sent again with its client_id (stored once whatever happens).
    const traffic = senders.map(async (socket, i) => {
      for (let n = 0; running; n++) {
        const payload = { channel: slug, content: `s${i}-${n}`, client_id: `s${i}-${n}` };
        for (let attempt = 0; ; attempt++) {
          const ack = await emitAck(socket, "send_message", payload, 5000).catch(() => ({ success: false, code: "TIMEOUT" }));
          if (ack.success) {
            acked.add(ack.message.id);
            break;
          }
          refusals.push(ack.code);
          if (attempt > 20) throw new Error(`send kept failing: ${JSON.stringify(ack)}`);
          await sleep(300);
        }
        await sleep(400);
      }
    });
    await sleep(3000);
    await redis.stop();
    await sleep(5000);
    await redis.start();
    await sleep(4000);
    running = false;
    await Promise.all(traffic);

    expect(refusals.filter((c) => c === "INTERNAL")).toEqual([]);
    const history = await fullHistory(users[0]!, slug);
    const ids = history.map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(history.map((m) => m.seq)).toEqual(history.map((_, i) => i + 1));
    for (const id of acked) expect(ids).toContain(id);
    // Live delivery (and the catch-ups it triggers) must get every receiver there on its own.
    await waitFor(async () => receivers.every((r) => r.log.messages.length === ids.length), 30_000, 250).catch(() => {
      const state = receivers.map(
        (r) =>
          `${r.node}: ${r.log.messages.length}/${ids.length} contiguous ${r.log.contiguousSeq} fetches ${r.fetches()} errors ${r.errors.join("|")}`,
      );
      throw new Error(`receivers did not converge:\n${state.join("\n")}`);
    });
    for (const r of receivers) {
      expect(r.log.messages.map((m) => m.id)).toEqual(ids);
      expect(r.log.hasGap).toBe(false);
    }
    // The outage did cut live delivery across nodes: some receivers had to catch up.
    expect(receivers.some((r) => r.fetches() > 0)).toBe(true);
  });
});

describe("nothing acknowledged is lost", () => {
  it("a client offline for 30 s receives every message sent meanwhile, once, in order", async () => {
    const sender = await createUser(b.baseUrl);
    const reader = await createUser(a.baseUrl);
    const code = await roomOn(b, sender);
    await api(a.baseUrl, `/api/rooms/${code}/join`, { method: "POST", token: reader.token });
    const out = await joined(b, "/rooms", sender, code);
    const r = await sock(a, "/rooms", reader, { reconnection: true });
    await emitAck(r, "join_room", { room_id: code });
    const received: string[] = [];
    r.on("message_created", (p: any) => received.push(p.message.content));
    await emitAck(out, "send_message", { room_id: code, content: "before" });
    await waitFor(async () => received.includes("before"));

    // Offline: the transport drops and the client stays away for 30 s.
    r.io.reconnection(false);
    r.io.engine.close();
    await waitFor(async () => !r.connected);
    const sent: string[] = [];
    for (let i = 0; i < 10; i++) {
      await sleep(2800);
      const ack = await emitAck(out, "send_message", { room_id: code, content: `while-away-${i}` });
      expect(ack.success).toBe(true);
      sent.push(`while-away-${i}`);
    }
    r.io.reconnection(true);
    r.connect();
    await waitFor(async () => r.connected);
    expect(r.recovered).toBe(true);
    await waitFor(async () => received.length >= 11);
    await sleep(500);
    expect(received).toEqual(["before", ...sent]);
  }, 120_000);

  it("a client that cannot recover catches up by cursor without duplicates or gaps", async () => {
    const sender = await createUser(a.baseUrl);
    const reader = await createUser(b.baseUrl);
    const code = await roomOn(a, sender);
    await api(b.baseUrl, `/api/rooms/${code}/join`, { method: "POST", token: reader.token });
    const out = await joined(a, "/rooms", sender, code);
    const first = await sock(b, "/rooms", reader);
    const seen = new Map<string, string>();
    let lastCursor = "";
    first.on("message_created", (p: any) => {
      seen.set(p.message.id, p.message.content);
      lastCursor = p.message.cursor;
    });
    await emitAck(first, "join_room", { room_id: code });
    for (let i = 0; i < 3; i++) await sendPaced(out, code, `live-${i}`);
    await waitFor(async () => seen.size === 3);
    first.close(); // a new page load: no session to recover
    for (let i = 0; i < 7; i++) await sendPaced(out, code, `missed-${i}`);
    let cursor: string | null = lastCursor;
    while (cursor) {
      const page = await api(b.baseUrl, `/api/rooms/${code}/messages?limit=3&after=${cursor}`, { token: reader.token });
      for (const m of page.body.messages) {
        expect(seen.has(m.id)).toBe(false);
        seen.set(m.id, m.content);
      }
      cursor = page.body.next_cursor;
    }
    expect([...seen.values()]).toEqual(["live-0", "live-1", "live-2", ...Array.from({ length: 7 }, (_, i) => `missed-${i}`)]);
  });

  it("a node killed with SIGKILL mid-traffic loses no acknowledged message; its clients resume on the other node", async () => {
    const u = await createUser(a.baseUrl);
    const code = await roomOn(a, u);
    let s = await joined(b, "/rooms", u, code);
    const acked = new Set<string>();
    const pending = new Set<string>();
    const send = async (socket: Socket, clientId: string) => {
      pending.add(clientId);
      try {
        const ack = await emitAck(socket, "send_message", { room_id: code, content: clientId, client_id: clientId }, 3000);
        if (ack.success) {
          acked.add(clientId);
          pending.delete(clientId);
        } else if (ack.code === "RATE_LIMITED") {
          await sleep(300);
        }
      } catch {
        /* no ack: the node died with it in flight */
      }
    };
    let killed = false;
    const traffic = (async () => {
      for (let i = 0; i < 60 && !killed; i++) {
        await send(s, `m-${i}`);
        await sleep(150);
      }
    })();
    await sleep(2000);
    await b.stop("SIGKILL");
    killed = true;
    await traffic;
    expect(acked.size).toBeGreaterThan(3);
    // The client moves to the surviving node and retries what was never acknowledged.
    s = await joined(a, "/rooms", u, code);
    for (const id of [...pending]) {
      for (let attempt = 0; attempt < 5 && pending.has(id); attempt++) await send(s, id);
    }
    expect(pending.size).toBe(0);
    const all: string[] = [];
    let cursor: string | null = null;
    do {
      const page: any = await api(a.baseUrl, `/api/rooms/${code}/messages?limit=100${cursor ? `&before=${cursor}` : ""}`, {
        token: u.token,
      });
      all.unshift(...page.body.messages.map((m: any) => m.content));
      cursor = page.body.next_cursor;
    } while (cursor);
    for (const id of acked) expect(all.filter((c) => c === id)).toHaveLength(1);
    expect(new Set(all).size).toBe(all.length);
    b = await startClusterNode(pg.url, redis.url, prefix, nodeEnv);
  });

  it("PostgreSQL stopped: error acks and no broadcast of unsaved messages; full service once it is back", async () => {
    const u1 = await createUser(a.baseUrl);
    const u2 = await createUser(b.baseUrl);
    const code = await roomOn(a, u1);
    const s1 = await joined(a, "/rooms", u1, code);
    const s2 = await joined(b, "/rooms", u2, code);
    const heard: string[] = [];
    s2.on("message_created", (p: any) => heard.push(p.message.content));
    await pg.stop();
    try {
      const ack = await emitAck(s1, "send_message", { room_id: code, content: "while the database is down" });
      expect(ack).toMatchObject({ success: false, code: "UNAVAILABLE" });
      expect((await api(a.baseUrl, "/api/ready")).status).toBe(503);
      expect((await api(a.baseUrl, "/api/health")).status).toBe(200);
    } finally {
      await pg.start();
    }
    await waitFor(async () => (await api(a.baseUrl, "/api/ready")).status === 200);
    await waitFor(
      async () => (await emitAck(s1, "send_message", { room_id: code, content: "back", client_id: "back-1" })).success === true,
    );
    await waitFor(async () => heard.includes("back"));
    expect(heard).not.toContain("while the database is down");
  });

  it("Redis stopped: delivery degrades to the local node and recovers", async () => {
    const u1 = await createUser(a.baseUrl);
    const u2 = await createUser(a.baseUrl);
    const u3 = await createUser(b.baseUrl);
    const code = await roomOn(a, u1);
    const s1 = await joined(a, "/rooms", u1, code);
    const s2 = await joined(a, "/rooms", u2, code);
    const s3 = await joined(b, "/rooms", u3, code);
    const local: string[] = [];
    const remote: string[] = [];
    s2.on("message_created", (p: any) => local.push(p.message.content));
    s3.on("message_created", (p: any) => remote.push(p.message.content));
    await redis.stop();
    try {
      const ack = await emitAck(s1, "send_message", { room_id: code, content: "redis down" });
      expect(ack.success).toBe(true);
      await waitFor(async () => local.includes("redis down"));
    } finally {
      await redis.start();
    }
    await waitFor(
      async () => {
        await emitAck(s1, "send_message", { room_id: code, content: `after-${Date.now()}` }).catch(() => undefined);
        return remote.some((c) => c.startsWith("after-"));
      },
      30_000,
      1000,
    );
    // Every stored message is readable everywhere, whatever the live delivery did.
    const hist = await api(b.baseUrl, `/api/rooms/${code}/messages`, { token: u3.token });
    expect(hist.body.messages.map((m: any) => m.content)).toContain("redis down");
  });

  it("SIGTERM: readiness turns false first, then the node stops cleanly", async () => {
    const node = await startClusterNode(pg.url, redis.url, prefix, { SHUTDOWN_GRACE_MS: "3000" });
    expect((await api(node.baseUrl, "/api/ready")).status).toBe(200);
    node.signal("SIGTERM");
    const draining = await waitFor(
      async () => {
        const r = await api(node.baseUrl, "/api/ready");
        return r.status === 503 ? r.body : undefined;
      },
      3000,
      50,
    );
    expect(draining).toMatchObject({ success: false, code: "UNAVAILABLE", ready: false, draining: true });
    // Still serving while draining: in-flight and late requests are answered.
    expect((await api(node.baseUrl, "/api/health")).status).toBe(200);
    expect(await node.stop("SIGTERM")).toBe(0);
  });
});

describe("presence: a grace across nodes, and faults", () => {
  /** `u` and a watcher on node B who share a channel, the watcher's presence_update about `u` collected. */
  async function watched() {
    const u = await createUser(a.baseUrl);
    const watcher = await createUser(b.baseUrl);
    const res = await api(a.baseUrl, "/api/channels", { token: u.token, body: { name: `presence ${Date.now()}`, type: "public" } });
    const slug = res.body.channel.slug as string;
    expect((await api(b.baseUrl, `/api/channels/${slug}/join`, { method: "POST", token: watcher.token })).status).toBe(200);
    const w = await sock(b, "/chat", watcher);
    expect((await emitAck(w, "join_channel", { channel: slug })).success).toBe(true);
    const updates: { online: boolean }[] = [];
    w.on("presence_update", (p: any) => p.user_id === u.id && updates.push(p));
    const onlineVia = async (node: AppNode) => (await api(node.baseUrl, `/api/users/${u.id}`, { token: watcher.token })).body.user.online;
    return { u, slug, w, updates, onlineVia };
  }

  it("a reload within the grace, on either node, announces nothing; the last tab gone, offline after it", async () => {
    const { u, updates, onlineVia } = await watched();
    const first = await sock(a, "/chat", u);
    await waitFor(async () => updates.length === 1);
    first.close();
    // Reconnects on the other node, then reloads there.
    const second = await sock(b, "/chat", u);
    second.close();
    const third = await sock(b, "/chat", u);
    third.close();
    // In the grace: still online for everyone.
    expect(await onlineVia(a)).toBe(true);
    await waitFor(async () => updates.length === 2);
    expect(updates.map((p) => p.online)).toEqual([true, false]);
    expect(await onlineVia(a)).toBe(false);
  });

  it("after a Redis restart presence rebuilds from the nodes' sockets: a second tab neither announces online nor its closing offline", async () => {
    const { u, slug, w, updates, onlineVia } = await watched();
    const first = await sock(a, "/chat", u);
    await waitFor(async () => updates.length === 1);
    await redis.stop();
    await redis.start();
    // Node B reads node A's sockets again (A re-registered them), and broadcasts cross nodes again.
    await waitFor(async () => (await onlineVia(b)) === true, 60_000, 250);
    const heard = new Set<string>();
    w.on("message_created", (m: any) => heard.add(m.content));
    // Any probe heard will do: under load one can take longer than the pause between probes.
    await waitFor(
      async () => {
        await emitAck(first, "send_message", { channel: slug, content: `back-${Date.now()}` }).catch(() => undefined);
        return [...heard].some((c) => c.startsWith("back-"));
      },
      60_000,
      1000,
    );
    // The second tab's closing must start no grace while the first is open. Its absence is read in
    // Redis rather than waited out: both of u's sockets counted, then the second's gone with u not
    // leaving. Then only the first tab's closing announces "offline".
    const peek = createClient({ url: redis.url });
    await peek.connect();
    try {
      const state = async () => ({
        sockets: await peek.sCard(`${prefix}:presence:${u.id}`),
        leaving: (await peek.zScore(`${prefix}:presence-leaving`, u.id)) !== null,
      });
      const second = await sock(b, "/chat", u);
      await waitFor(async () => (await state()).sockets === 2);
      second.close();
      await waitFor(async () => {
        const s = await state();
        return s.sockets === 1 && !s.leaving;
      });
    } finally {
      await peek.quit();
    }
    first.close();
    await waitFor(async () => updates.length > 1, 60_000);
    expect(updates.map((p) => p.online)).toEqual([true, false]);
  });

  it("a node killed with SIGKILL: its users go offline for their contacts within 30 s, once", async () => {
    const u = await createUser(a.baseUrl);
    const watcher = await createUser(a.baseUrl);
    const res = await api(a.baseUrl, "/api/channels", { token: u.token, body: { name: `dead node ${Date.now()}`, type: "public" } });
    expect((await api(a.baseUrl, `/api/channels/${res.body.channel.slug}/join`, { method: "POST", token: watcher.token })).status).toBe(
      200,
    );
    const w = await sock(a, "/chat", watcher);
    const updates: { online: boolean }[] = [];
    w.on("presence_update", (p: any) => p.user_id === u.id && updates.push(p));
    await sock(b, "/chat", u);
    await waitFor(async () => updates.length === 1);
    try {
      await b.stop("SIGKILL");
      // The bound is the heartbeat's 10 s TTL and a 1 s sweep: 30 s leaves room for a loaded machine.
      await waitFor(async () => updates.length === 2, 30_000, 250);
      expect(updates.map((p) => p.online)).toEqual([true, false]);
      expect((await api(a.baseUrl, `/api/users/${u.id}`, { token: watcher.token })).body.user.online).toBe(false);
    } finally {
      b = await startClusterNode(pg.url, redis.url, prefix, nodeEnv);
    }
  });
});
