// npm run bench: Mem2gether against a minimal raw Socket.IO server (same machine, same payloads),
// measured in one run. Prints a table and writes bench/results.json.
import { fork } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { Agent, request } from "node:http";
import path from "node:path";
import { encode } from "next-auth/jwt";
import pg from "pg";
import { io as ioClient, type Socket } from "socket.io-client";
import { freePort } from "../lib/db/embedded";
import { buildApp, createTestDatabase, PROD_DIST_DIR, startNode } from "../tests/setup/nodes";
import { round, summarize } from "./stats";

const SECRET = "bench-secret-bench-secret-bench-secret-01";
const DIST = PROD_DIST_DIR;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
// BENCH_ONLY=fanout,acks,memory,channels,channel300,storm,coalesce runs a subset ("http" is
// the older name of "channels"); BENCH_PROFILE=dir writes the app's CPU profile there.
const SCENARIOS = "fanout,acks,memory,channels,channel300,storm,coalesce";
const ONLY = new Set((process.env.BENCH_ONLY ?? SCENARIOS).split(",").map((n) => (n === "http" ? "channels" : n)));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function rssKb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
}

function connect(url: string, auth?: Record<string, string>): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = ioClient(url, { auth, transports: ["websocket"], reconnection: false, forceNew: true, timeout: 20_000 });
    s.once("connect", () => resolve(s));
    s.once("connect_error", reject);
  });
}

async function connectMany(n: number, make: (i: number) => Promise<Socket>, batch = 50): Promise<Socket[]> {
  const out: Socket[] = [];
  for (let i = 0; i < n; i += batch)
    out.push(...(await Promise.all(Array.from({ length: Math.min(batch, n - i) }, (_, j) => make(i + j)))));
  return out;
}

const ack = <T = any>(s: Socket, event: string, payload: unknown): Promise<T> =>
  s.timeout(30_000).emitWithAck(event, payload) as Promise<T>;

interface Target {
  name: string;
  url: (ns: string) => string;
  auth: (i: number) => Record<string, string> | undefined;
  pid: number;
  /** Memory usage after a full GC in the target process. */
  memory(): Promise<NodeJS.MemoryUsage>;
}

/** 200 clients in one room, 20 of them sending as fast as their acks come back. */
async function fanout(t: Target, room: string) {
  const clients = await connectMany(200, (i) => connect(t.url("/rooms"), t.auth(i)));
  for (const c of clients) {
    const r = await ack(c, "join_room", { room_id: room });
    if (!r.success) throw new Error(`${t.name} join_room: ${JSON.stringify(r)}`);
  }
  const latencies: number[] = [];
  let deliveries = 0;
  let measuring = false;
  const heard = (m: { content: string }) => {
    deliveries++;
    latencies.push(Date.now() - Number(m.content.slice(0, 13)));
  };
  for (const c of clients) {
    c.on("message_created", (p: { message: { content: string } }) => measuring && heard(p.message));
    // The raw server's coalesced variant (RAW_COALESCE=1): several messages per frame.
    c.on("messages_created", (p: { messages: { content: string }[] }) => measuring && p.messages.forEach(heard));
  }
  let running = true;
  const senders = clients.slice(0, 20).map(async (c, i) => {
    let n = 0;
    while (running) {
      const r = await ack(c, "send_message", { room_id: room, content: `${Date.now()} fan-out message ${i}-${n++} with some text` });
      if (!r.success && r.code !== "RATE_LIMITED") throw new Error(`${t.name} send: ${JSON.stringify(r)}`);
    }
  });
  await sleep(2000);
  measuring = true;
  const started = Date.now();
  await sleep(SECONDS * 1000);
  measuring = false;
  const elapsed = (Date.now() - started) / 1000;
  running = false;
  await Promise.all(senders);
  for (const c of clients) c.close();
  const s = summarize(latencies);
  return { deliveries_per_s: Math.round(deliveries / elapsed), p50_ms: s.p50, p99_ms: s.p99 };
}

/**
 * Closed loops: each worker repeats `op` as soon as the previous one returns, for a 2 s warm-up
 * and then SECONDS measured. Returns operations per second and latency percentiles (ms).
 */
async function closedLoop(workers: number, op: (worker: number, n: number) => Promise<string | void>) {
  const latencies: number[] = [];
  const refusals: Record<string, number> = {};
  let measuring = false;
  let running = true;
  const loops = Array.from({ length: workers }, async (_, w) => {
    for (let n = 0; running; n++) {
      const t0 = performance.now();
      // A string is a refusal's code: counted, and the loop goes on.
      const refused = await op(w, n);
      if (!measuring) continue;
      latencies.push(performance.now() - t0);
      if (refused) refusals[refused] = (refusals[refused] ?? 0) + 1;
    }
  });
  await sleep(2000);
  measuring = true;
  const started = Date.now();
  await sleep(SECONDS * 1000);
  measuring = false;
  const elapsed = (Date.now() - started) / 1000;
  running = false;
  await Promise.all(loops);
  const s = summarize(latencies);
  const refused = Object.values(refusals).reduce((a, b) => a + b, 0);
  return {
    per_s: Math.round(latencies.length / elapsed),
    ok_per_s: Math.round((latencies.length - refused) / elapsed),
    p50_ms: round(s.p50),
    p99_ms: round(s.p99),
    refusals,
  };
}

/** An ack's refusal code, or the ack never coming back. */
async function ackCode(p: Promise<{ success: boolean; code?: string }>): Promise<string | void> {
  try {
    const r = await p;
    if (!r.success) return r.code ?? "UNKNOWN";
  } catch {
    return "NO_ACK";
  }
}

/** Clients sending as fast as acks allow, each ack meaning "stored" (app) or "seen" (raw). */
async function acks(t: Target, rooms: string[], senders = 50) {
  const clients = await connectMany(senders, (i) => connect(t.url("/rooms"), t.auth(200 + i)));
  await Promise.all(clients.map((c, i) => ack(c, "join_room", { room_id: rooms[i % rooms.length] })));
  const r = await closedLoop(clients.length, async (i, n) => {
    const res = await ack(clients[i]!, "send_message", {
      room_id: rooms[i % rooms.length],
      content: `ack message ${n}`,
      client_id: `b${i}-${n}-${Date.now()}`,
    });
    if (!res.success) throw new Error(`${t.name} send: ${JSON.stringify(res)}`);
  });
  for (const c of clients) c.close();
  return { acks_per_s: r.per_s, p50_ms: r.p50_ms, p99_ms: r.p99_ms };
}

/**
 * A course channel of 300 members (rows; the 280 who do not send are offline), 20 of them
 * sending over `/chat` as fast as their acks come back. Every refusal is counted by its code.
 */
async function channel300(t: Target, slug: string) {
  const clients = await connectMany(20, (i) => connect(t.url("/chat"), t.auth(i)));
  for (const c of clients) {
    const r = await ack(c, "join_channel", { channel: slug });
    if (!r.success) throw new Error(`join_channel: ${JSON.stringify(r)}`);
  }
  const r = await closedLoop(clients.length, (i, n) =>
    ackCode(ack(clients[i]!, "send_message", { channel: slug, content: `class message ${i}-${n}`, client_id: `k${i}-${n}-${Date.now()}` })),
  );
  for (const c of clients) c.close();
  return { acks_per_s: r.ok_per_s, p50_ms: r.p50_ms, p99_ms: r.p99_ms, refusals: r.refusals };
}

/**
 * 200 clients in one room (each with its /rooms and /reactions sockets), 10 of them chatting
 * every 200 ms; first alone (the baseline), then with 100 others reacting 5 times a second each.
 * Chat delivery latency is measured at every /rooms socket.
 */
async function storm(t: Target, room: string) {
  const chat = await connectMany(200, (i) => connect(t.url("/rooms"), t.auth(i)));
  for (const c of chat) {
    const r = await ack(c, "join_room", { room_id: room });
    if (!r.success) throw new Error(`join_room: ${JSON.stringify(r)}`);
  }
  const react = await connectMany(200, (i) => connect(t.url("/reactions"), t.auth(i)));
  for (const c of react) {
    const r = await ack(c, "join_room", { room_id: room });
    if (!r.success) throw new Error(`reactions join_room: ${JSON.stringify(r)}`);
  }
  let measuring = false;
  let latencies: number[] = [];
  let deliveries = 0;
  let reactionEvents = 0;
  let reactionsSeen = 0;
  let reactionsAcked = 0;
  const refusals: Record<string, number> = {};
  const refuse = (code: string | void) => {
    if (code && measuring) refusals[code] = (refusals[code] ?? 0) + 1;
  };
  for (const c of chat) {
    c.on("message_created", (p: { message: { content: string } }) => {
      if (!measuring) return;
      deliveries++;
      latencies.push(Date.now() - Number(p.message.content.slice(0, 13)));
    });
  }
  for (const c of react) {
    c.on("reaction", (p: { total?: number }) => {
      if (!measuring) return;
      reactionEvents++;
      reactionsSeen += p.total ?? 1;
    });
  }
  // Open loops: each sends on its own clock, whatever the acks do, spread over the period.
  const every = (ms: number, fn: () => void) => {
    let timer: NodeJS.Timeout | undefined;
    const start = setTimeout(() => (timer = setInterval(fn, ms)), Math.random() * ms);
    return () => (clearTimeout(start), clearInterval(timer));
  };
  const chatters = chat.slice(0, 10).map((c, i) => {
    let n = 0;
    return every(
      200,
      () => void ackCode(ack(c, "send_message", { room_id: room, content: `${Date.now()} storm chat ${i}-${n++}` })).then(refuse),
    );
  });
  const phase = async () => {
    await sleep(2000);
    latencies = [];
    deliveries = reactionEvents = reactionsSeen = reactionsAcked = 0;
    measuring = true;
    const started = Date.now();
    await sleep(SECONDS * 1000);
    measuring = false;
    const elapsed = (Date.now() - started) / 1000;
    const s = summarize(latencies);
    return {
      chat_deliveries_per_s: Math.round(deliveries / elapsed),
      p50_ms: s.p50,
      p99_ms: s.p99,
      reactions_acked_per_s: Math.round(reactionsAcked / elapsed),
      reaction_events_per_s: Math.round(reactionEvents / elapsed),
      reactions_delivered_per_s: Math.round(reactionsSeen / elapsed),
    };
  };
  const calm = await phase();
  const reactors = react.slice(100, 200).map((c) =>
    every(
      200,
      () =>
        void ackCode(ack(c, "react", { room_id: room, emoji: "👍" })).then((code) => {
          if (!code && measuring) reactionsAcked++;
          refuse(code);
        }),
    ),
  );
  const during = await phase();
  for (const stop of [...chatters, ...reactors]) stop();
  await sleep(1000);
  for (const c of [...chat, ...react]) c.close();
  return { calm, storm: during, refusals };
}

/**
 * Server memory per idle authenticated connection at 2,000 connections: heap + external memory
 * after a full collection (what the connections keep alive), and the RSS growth alongside.
 */
async function memory(t: Target) {
  await sleep(1500);
  const before = await t.memory();
  const rssBefore = rssKb(t.pid);
  const clients = await connectMany(2000, (i) => connect(t.url("/chat"), t.auth(i)), 100);
  await sleep(4000);
  const after = await t.memory();
  const rssAfter = rssKb(t.pid);
  for (const c of clients) c.close();
  await sleep(1000);
  const kept = (m: NodeJS.MemoryUsage) => m.heapUsed + m.external;
  return {
    connections: clients.length,
    heap_external_before_mb: round(kept(before) / 2 ** 20),
    heap_external_after_mb: round(kept(after) / 2 ** 20),
    kb_per_connection: round((kept(after) - kept(before)) / 1024 / clients.length),
    rss_kb_per_connection: round((rssAfter - rssBefore) / clients.length),
  };
}

/** Closed-loop HTTP GETs with keep-alive: requests/s and p99. */
async function http(url: string, headers: Record<string, string>, concurrency = 32) {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const get = () =>
    new Promise<number>((resolve, reject) => {
      const req = request(url, { agent, headers }, (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      });
      req.on("error", reject);
      req.end();
    });
  if ((await get()) !== 200) throw new Error(`GET ${url} is not 200`);
  const r = await closedLoop(concurrency, async () => {
    const status = await get();
    if (status !== 200) throw new Error(`GET ${url}: ${status}`);
  });
  agent.destroy();
  return { requests_per_s: r.per_s, p50_ms: r.p50_ms, p99_ms: r.p99_ms };
}

async function main() {
  console.log("building the app (production) and starting PostgreSQL...");
  buildApp(DIST);
  const database = await createTestDatabase(".data/bench-postgres");
  const node = await startNode({
    databaseUrl: database.url,
    mode: "prod",
    distDir: DIST,
    env: { NEXTAUTH_SECRET: SECRET, RATE_LIMIT_SCALE: "10000", BENCH_ROUTES: "1", MAX_SOCKETS_PER_USER: "100", DATABASE_POOL_SIZE: "20" },
    nodeArgs: [
      "--expose-gc",
      ...(process.env.BENCH_PROFILE ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(process.env.BENCH_PROFILE)}`] : []),
    ],
  });
  const forkRaw = async (env: Record<string, string> = {}) => {
    const port = await freePort();
    const child = fork(path.resolve("bench/raw-server.ts"), [], {
      env: { ...process.env, ...env, PORT: String(port) },
      execArgv: ["--expose-gc", "--import", "tsx"],
      stdio: "inherit",
    });
    await new Promise((resolve) => child.once("message", resolve));
    return { port, child };
  };
  const { port: rawPort, child: raw } = await forkRaw();

  // 2,300 users straight into the database (one real registration for a valid password hash),
  // tokens minted with the server's secret: the handshakes still verify them against the rows.
  const reg = await fetch(`${node.baseUrl}/api/auth/register`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: "bench@x.test", username: "bench", password: "quiet meadow stone" }),
  });
  if (reg.status !== 201) throw new Error(await reg.text());
  const db = new pg.Client({ connectionString: database.url });
  await db.connect();
  await db.query(`INSERT INTO users (id, email, username, name, password_hash, updated_at)
    SELECT 'bench' || i, 'b' || i || '@x.test', 'b' || i, 'Bench ' || i, (SELECT password_hash FROM users WHERE username = 'bench'), now()
    FROM generate_series(0, 2299) AS i`);
  const tokens = await Promise.all(
    Array.from({ length: 2300 }, (_, i) =>
      encode({ token: { sub: `bench${i}`, tv: 0, role: "student", username: `b${i}`, name: `Bench ${i}` }, secret: SECRET }),
    ),
  );
  // Rooms: one of 200 for fan-out, five for the ack test. A public channel of 200 members with
  // 5,000 messages (some with reactions) for the history endpoint.
  await db.query(`INSERT INTO rooms (id, name, host_id, updated_at) VALUES ('benchfan', 'fan-out', 'bench0', now())`);
  const ackRooms = ["bencha00", "bencha01", "bencha02", "bencha03", "bencha04"];
  for (const r of ackRooms) await db.query(`INSERT INTO rooms (id, name, host_id, updated_at) VALUES ($1, 'acks', 'bench200', now())`, [r]);
  await db.query(
    `INSERT INTO channels (id, slug, name, type, owner_id, updated_at) VALUES ('benchchan', 'bench', 'Bench', 'public', 'bench0', now())`,
  );
  await db.query(`INSERT INTO channel_members (channel_id, user_id) SELECT 'benchchan', 'bench' || i FROM generate_series(0, 199) AS i`);
  await db.query(`INSERT INTO messages (id, channel_id, author_id, content, created_at, seq)
    SELECT 'hist' || i, 'benchchan', 'bench' || (i % 200), 'history message number ' || i || ' with **some** markdown', now() - (i || ' seconds')::interval, 5001 - i
    FROM generate_series(1, 5000) AS i`);
  await db.query(`INSERT INTO message_reactions (message_id, user_id, emoji)
    SELECT 'hist' || i, 'bench' || (i % 7), '👍' FROM generate_series(1, 5000, 3) AS i`);
  // A room of 200 for the reaction storm. A course channel of 300 members for the class sends.
  await db.query(`INSERT INTO rooms (id, name, host_id, updated_at) VALUES ('benchstm', 'storm', 'bench0', now())`);
  await db.query(
    `INSERT INTO channels (id, slug, name, type, owner_id, updated_at) VALUES ('benchclass', 'class300', 'Class of 300', 'course', 'bench0', now())`,
  );
  await db.query(`INSERT INTO channel_members (channel_id, user_id) SELECT 'benchclass', 'bench' || i FROM generate_series(0, 299) AS i`);
  // The sidebar: bench2200 is a member of 30 course channels among 300; the 270 others are
  // private channels of other users. Ten members and ten messages each.
  await db.query(`INSERT INTO channels (id, slug, name, type, owner_id, updated_at)
    SELECT 'bchl' || i, 'list-' || i, 'List ' || i, (CASE WHEN i < 30 THEN 'course' ELSE 'private' END)::"ChannelType", 'bench' || (1000 + i), now()
    FROM generate_series(0, 299) AS i`);
  await db.query(`INSERT INTO channel_members (channel_id, user_id)
    SELECT 'bchl' || i, CASE WHEN i < 30 AND j = 0 THEN 'bench2200' ELSE 'bench' || (1000 + (i + j * 37) % 1000) END
    FROM generate_series(0, 299) AS i, generate_series(0, 9) AS j`);
  await db.query(`INSERT INTO messages (id, channel_id, author_id, content, created_at, seq)
    SELECT 'bchm' || i || '-' || j, 'bchl' || i, 'bench' || (1000 + i), 'list message ' || j, now() - ((i * 10 + j) || ' seconds')::interval, 10 - j
    FROM generate_series(0, 299) AS i, generate_series(0, 9) AS j`);
  // What the app keeps with every send and membership change.
  await db.query(`UPDATE channels c SET last_seq = COALESCE((SELECT max(seq) FROM messages WHERE channel_id = c.id), 0),
    member_count = (SELECT count(*) FROM channel_members WHERE channel_id = c.id)`);
  // Planner statistics, as autovacuum would have gathered on a live database.
  await db.query("ANALYZE");
  await db.end();

  const app: Target = {
    name: "app",
    url: (ns) => `${node.baseUrl}${ns}`,
    auth: (i) => ({ token: tokens[i]! }),
    pid: node.pid,
    memory: async () => (await fetch(`${node.baseUrl}/api/bench/memory`).then((r) => r.json())) as NodeJS.MemoryUsage,
  };
  const rawTarget: Target = {
    name: "raw",
    url: () => `http://127.0.0.1:${rawPort}/`,
    auth: () => undefined,
    pid: raw.pid!,
    memory: () =>
      new Promise((resolve) => {
        raw.once("message", (m: { memory: NodeJS.MemoryUsage }) => resolve(m.memory));
        raw.send("memory");
      }),
  };

  const results: Record<string, unknown> = {
    measured_at: new Date().toISOString(),
    seconds_per_scenario: SECONDS,
    machine: { cores: (await import("node:os")).cpus().length, node: process.version },
  };
  const verdicts: Record<string, boolean> = {};
  const rows: [string, string, string, string, string][] = [["scenario", "Mem2gether", "raw Socket.IO / baseline", "target", "met"]];
  const yes = (ok: boolean) => (ok ? "yes" : "NO");

  if (ONLY.has("fanout")) {
    console.log("fan-out: 200 clients in one room, 20 senders...");
    const fanApp = await fanout(app, "benchfan");
    const fanRaw = await fanout(rawTarget, "benchfan");
    const ratio = round(fanApp.deliveries_per_s / fanRaw.deliveries_per_s, 2);
    results.fanout = { app: fanApp, raw: fanRaw, ratio, target: "ratio >= 0.9 and app p99 < 100 ms" };
    verdicts.fanout = ratio >= 0.9 && fanApp.p99_ms < 100;
    rows.push(
      [
        "room fan-out (deliveries/s)",
        String(fanApp.deliveries_per_s),
        String(fanRaw.deliveries_per_s),
        `>= 90% of raw (${Math.round(ratio * 100)}%)`,
        yes(verdicts.fanout),
      ],
      ["  p50 / p99 latency (ms)", `${fanApp.p50_ms} / ${fanApp.p99_ms}`, `${fanRaw.p50_ms} / ${fanRaw.p99_ms}`, "p99 < 100 ms", ""],
    );
  }
  if (ONLY.has("acks")) {
    console.log("acknowledged messages: 50 senders...");
    const ackApp = await acks(app, ackRooms);
    const ackRaw = await acks(rawTarget, ackRooms);
    results.persisted_acks = { app: ackApp, raw: ackRaw, target: "app >= 1000 acks/s with p99 < 50 ms" };
    verdicts.persisted_acks = ackApp.acks_per_s >= 1000 && ackApp.p99_ms < 50;
    rows.push(
      [
        "persisted acks/s",
        String(ackApp.acks_per_s),
        `${ackRaw.acks_per_s} (not persisted)`,
        ">= 1000/s, p99 < 50 ms",
        yes(verdicts.persisted_acks),
      ],
      ["  p50 / p99 ack (ms)", `${ackApp.p50_ms} / ${ackApp.p99_ms}`, `${ackRaw.p50_ms} / ${ackRaw.p99_ms}`, "", ""],
    );
  }
  if (ONLY.has("coalesce")) {
    // Would several messages per frame beat one frame per message? Measured on the raw server
    // (the ceiling: no app work), both ways in the same run.
    console.log("broadcast cost: raw Socket.IO, one frame per message vs one per event-loop turn...");
    const variant = async (mode: string) => {
      const server = await forkRaw({ RAW_COALESCE: mode });
      const r = await fanout(
        { ...rawTarget, name: `raw-${mode}`, url: () => `http://127.0.0.1:${server.port}/`, pid: server.child.pid! },
        "benchfan",
      );
      server.child.kill("SIGTERM");
      return r;
    };
    const single = await fanout(rawTarget, "benchfan");
    const batched = await variant("1");
    const corked = await variant("cork");
    const ratio = round(batched.deliveries_per_s / single.deliveries_per_s, 2);
    const corkRatio = round(corked.deliveries_per_s / single.deliveries_per_s, 2);
    results.broadcast_coalescing = {
      one_frame_per_message: single,
      one_frame_per_turn: batched,
      one_write_per_flush: corked,
      ratio,
      cork_ratio: corkRatio,
      note: "raw Socket.IO in all three; not a target",
    };
    rows.push(
      [
        "raw, messages per frame (deliveries/s)",
        `${batched.deliveries_per_s} (per turn)`,
        `${single.deliveries_per_s} (one each)`,
        `experiment (${Math.round(ratio * 100)}%)`,
        "",
      ],
      ["  p50 / p99 latency (ms)", `${batched.p50_ms} / ${batched.p99_ms}`, `${single.p50_ms} / ${single.p99_ms}`, "", ""],
      [
        "raw, frames per write (deliveries/s)",
        `${corked.deliveries_per_s} (corked)`,
        `${single.deliveries_per_s} (one each)`,
        `experiment (${Math.round(corkRatio * 100)}%)`,
        "",
      ],
      ["  p50 / p99 latency (ms)", `${corked.p50_ms} / ${corked.p99_ms}`, `${single.p50_ms} / ${single.p99_ms}`, "", ""],
    );
  }
  if (ONLY.has("channel300")) {
    console.log("class channel: 300 members, 20 senders over /chat, against the room path with 20 senders...");
    const room20 = await acks(app, ackRooms, 20);
    const cls = await channel300(app, "class300");
    const refused = Object.values(cls.refusals).reduce((a, b) => a + b, 0);
    const ratio = round(cls.acks_per_s / room20.acks_per_s, 2);
    results.channel300 = { app: cls, room_path_20_senders: room20, ratio, target: "ratio >= 0.5, p99 < 100 ms, no refusals" };
    verdicts.channel300 = ratio >= 0.5 && cls.p99_ms < 100 && refused === 0;
    const codes =
      Object.entries(cls.refusals)
        .map(([k, v]) => `${v} ${k}`)
        .join(", ") || "none";
    rows.push(
      [
        "channel of 300, 20 senders (acks/s)",
        String(cls.acks_per_s),
        `${room20.acks_per_s} (room path, 20 senders)`,
        `>= 50% (${Math.round(ratio * 100)}%)`,
        yes(verdicts.channel300),
      ],
      ["  p50 / p99 ack (ms)", `${cls.p50_ms} / ${cls.p99_ms}`, `${room20.p50_ms} / ${room20.p99_ms}`, "p99 < 100 ms", ""],
      ["  refusals", codes, "", "none", ""],
    );
  }
  if (ONLY.has("storm")) {
    console.log("reaction storm: 200 clients, 10 chatting, then 100 reacting 5/s each...");
    const r = await storm(app, "benchstm");
    results.storm = { ...r, target: "chat p99 during the storm < 100 ms" };
    verdicts.storm = r.storm.p99_ms < 100 && Object.keys(r.refusals).length === 0;
    rows.push(
      [
        "storm: chat deliveries/s",
        String(r.storm.chat_deliveries_per_s),
        `${r.calm.chat_deliveries_per_s} (no storm)`,
        "",
        yes(verdicts.storm),
      ],
      ["  chat p50 / p99 (ms)", `${r.storm.p50_ms} / ${r.storm.p99_ms}`, `${r.calm.p50_ms} / ${r.calm.p99_ms}`, "p99 < 100 ms", ""],
      ["  reactions acked/s, events/s", `${r.storm.reactions_acked_per_s}, ${r.storm.reaction_events_per_s}`, "", "", ""],
    );
  }
  if (ONLY.has("memory")) {
    console.log("memory: 2,000 idle connections...");
    const memApp = await memory(app);
    const memRaw = await memory(rawTarget);
    results.idle_memory = { app: memApp, raw: memRaw, target: "app <= 100 KB per connection" };
    verdicts.idle_memory = memApp.kb_per_connection <= 100;
    rows.push(
      [
        "idle connection (KB each, 2,000)",
        String(memApp.kb_per_connection),
        String(memRaw.kb_per_connection),
        "<= 100 KB",
        yes(verdicts.idle_memory),
      ],
      ["  RSS growth (KB each)", String(memApp.rss_kb_per_connection), String(memRaw.rss_kb_per_connection), "", ""],
    );
  }
  if (ONLY.has("channels")) {
    console.log("HTTP: channel history and the channel list against a constant-JSON route...");
    const auth = { authorization: `Bearer ${tokens[0]}` };
    const constant = await http(`${node.baseUrl}/api/bench/constant`, {});
    const list = await http(`${node.baseUrl}/api/channels`, { authorization: `Bearer ${tokens[2200]}` });
    const listRatio = round(list.requests_per_s / constant.requests_per_s, 2);
    results.channels_http = { app: list, constant, ratio: listRatio, target: "ratio >= 0.5", setup: "member of 30 channels among 300" };
    verdicts.channels_http = listRatio >= 0.5;
    rows.push(
      [
        "GET /api/channels (req/s)",
        String(list.requests_per_s),
        `${constant.requests_per_s} (constant JSON)`,
        `>= 50% (${Math.round(listRatio * 100)}%)`,
        yes(verdicts.channels_http),
      ],
      ["  p50 / p99 (ms)", `${list.p50_ms} / ${list.p99_ms}`, `${constant.p50_ms} / ${constant.p99_ms}`, "", ""],
    );
    const history = await http(`${node.baseUrl}/api/channels/bench/messages?limit=50`, auth);
    const ratio = round(history.requests_per_s / constant.requests_per_s, 2);
    results.history_http = { app: history, constant, ratio, target: "ratio >= 0.5" };
    verdicts.history_http = ratio >= 0.5;
    rows.push(
      [
        "history GET (req/s)",
        String(history.requests_per_s),
        `${constant.requests_per_s} (constant JSON)`,
        `>= 50% (${Math.round(ratio * 100)}%)`,
        yes(verdicts.history_http),
      ],
      ["  p50 / p99 (ms)", `${history.p50_ms} / ${history.p99_ms}`, `${constant.p50_ms} / ${constant.p99_ms}`, "", ""],
    );
  }

  raw.kill("SIGTERM");
  await node.stop("SIGTERM");
  await database.dispose();

  writeFileSync("bench/results.json", JSON.stringify({ ...results, verdicts }, null, 2) + "\n");
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  console.log("");
  for (const r of rows) console.log(r.map((c, i) => c.padEnd(widths[i]!)).join("  "));
  console.log("\nwritten to bench/results.json");
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
