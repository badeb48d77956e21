// The cluster suite's world: one PostgreSQL and one Redis that the tests can stop and restart,
// and production app nodes sharing both.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import pg from "pg";
import { io as ioClient, type Socket } from "socket.io-client";
import { freePort, startEmbeddedPostgres, type EmbeddedDatabase } from "../../lib/db/embedded";
import { PROD_DIST_DIR, startNode, type AppNode } from "../setup/nodes";
import { addressFor } from "../helpers/address";

export const DIST_DIR = PROD_DIST_DIR;

/**
 * A free port below the kernel's ephemeral range, for a server the tests stop and start again:
 * while it is down, no outgoing connection (the nodes' own reconnect attempts included) can be
 * given its port, which would keep it from listening again.
 */
export async function restartablePort(): Promise<number> {
  const [low] = (() => {
    try {
      return readFileSync("/proc/sys/net/ipv4/ip_local_port_range", "utf8").trim().split(/\s+/).map(Number);
    } catch {
      return [32768];
    }
  })();
  // Above the ports people give their servers by hand (dev servers use 3100-3999).
  const bottom = 10_000;
  const top = Math.min(low ?? 32768, 65536);
  for (let attempt = 0; top > bottom + 100 && attempt < 50; attempt++) {
    const port = bottom + Math.floor(Math.random() * (top - bottom));
    const free = await new Promise<boolean>((resolve) => {
      const srv = net.createServer();
      srv.unref();
      srv.once("error", () => resolve(false));
      srv.listen(port, "127.0.0.1", () => srv.close(() => resolve(true)));
    });
    if (free) return port;
  }
  return freePort();
}

export interface Postgres {
  url: string;
  stop(): Promise<void>;
  start(): Promise<void>;
  dispose(): Promise<void>;
}

/** Embedded PostgreSQL on a fixed port, so it can be stopped and brought back under the apps. */
export async function startPostgres(): Promise<Postgres> {
  const dir = path.resolve(".data/cluster-postgres");
  const port = await restartablePort();
  let cluster: EmbeddedDatabase = await startEmbeddedPostgres({ dir, database: "postgres", port });
  const database = `m2g_cluster_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: cluster.url });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${database}"`);
  await admin.end();
  return {
    url: cluster.urlFor(database),
    stop: () => cluster.stop(),
    async start() {
      cluster = await startEmbeddedPostgres({ dir, database: "postgres", port });
    },
    async dispose() {
      const c = new pg.Client({ connectionString: cluster.url });
      await c.connect().catch(() => {});
      await c.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`).catch(() => {});
      await c.end().catch(() => {});
      await cluster.stop();
    },
  };
}

export interface RedisServer {
  url: string;
  stop(): Promise<void>;
  start(): Promise<void>;
}

/** A private redis-server on its own port (the machine's own on 6379 stays untouched). */
export async function startRedis(): Promise<RedisServer> {
  const port = await restartablePort();
  let child: ChildProcess | undefined;
  const start = async () => {
    const c = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    child = c;
    let output = "";
    const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000));
    c.stdout?.on("data", keep);
    c.stderr?.on("data", keep);
    for (let i = 0; i < 200; i++) {
      if (c.exitCode !== null || c.signalCode !== null) throw new Error(`redis-server exited (${c.exitCode ?? c.signalCode}):\n${output}`);
      const ok = await new Promise<boolean>((resolve) => {
        const s = new net.Socket();
        s.once("connect", () => (s.destroy(), resolve(true)));
        s.once("error", () => resolve(false));
        s.connect(port, "127.0.0.1");
      });
      if (ok) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`redis-server did not start on ${port}:\n${output}`);
  };
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    async stop() {
      const c = child;
      if (!c || c.exitCode !== null || c.signalCode !== null) return;
      const exited = new Promise((r) => c.once("exit", r));
      c.kill("SIGKILL");
      await exited;
    },
    start,
  };
}

export async function startClusterNode(
  databaseUrl: string,
  redisUrl: string,
  prefix: string,
  env: Record<string, string> = {},
): Promise<AppNode> {
  return startNode({ databaseUrl, mode: "prod", distDir: DIST_DIR, env: { REDIS_URL: redisUrl, REDIS_PREFIX: prefix, ...env } });
}

export const redisPrefix = () => `m2gtest-${randomBytes(4).toString("hex")}`;

// ---- clients with an explicit node ----

export async function api(
  base: string,
  path: string,
  options: { method?: string; body?: unknown; token?: string; headers?: Record<string, string> } = {},
) {
  const headers: Record<string, string> = { "x-forwarded-for": addressFor(options.token), ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers["content-type"] = "application/json";
  const res = await fetch(`${base}${path}`, {
    method: options.method ?? (options.body !== undefined ? "POST" : "GET"),
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    // A node that stopped answering fails the test where it happens, not at the test's timeout.
    signal: AbortSignal.timeout(30_000),
  });
  return { status: res.status, body: (await res.json().catch(() => ({}))) as any, headers: res.headers };
}

export interface ClusterUser {
  id: string;
  username: string;
  token: string;
}

export async function createUser(base: string): Promise<ClusterUser> {
  const username = `c${randomBytes(5).toString("hex")}`;
  const password = "cluster password";
  const reg = await api(base, "/api/auth/register", { body: { email: `${username}@x.test`, username, password } });
  if (reg.status !== 201) throw new Error(JSON.stringify(reg.body));
  const tok = await api(base, "/api/auth/token", { body: { username, password } });
  return { id: reg.body.user.id, username, token: tok.body.token };
}

export function connect(base: string, ns: string, token: string, options: { reconnection?: boolean } = {}): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = ioClient(`${base}${ns}`, {
      auth: { token },
      extraHeaders: { "x-forwarded-for": addressFor(token) },
      transports: ["websocket"],
      reconnection: options.reconnection ?? false,
      reconnectionDelay: 200,
      reconnectionDelayMax: 1000,
      forceNew: true,
      timeout: 10_000,
    });
    socket.once("connect", () => resolve(socket));
    socket.once("connect_error", (err) => {
      if (!options.reconnection) socket.close();
      reject(err);
    });
  });
}

export function emitAck<T = any>(socket: Socket, event: string, payload?: unknown, ms = 10_000): Promise<T> {
  return socket.timeout(ms).emitWithAck(event, payload) as Promise<T>;
}

export function nextEvent<T = any>(socket: Socket, event: string, predicate: (p: T) => boolean = () => true, ms = 10_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(event, on);
      reject(new Error(`timed out waiting for ${event}`));
    }, ms);
    const on = (payload: T) => {
      if (!predicate(payload)) return;
      clearTimeout(timer);
      socket.off(event, on);
      resolve(payload);
    };
    socket.on(event, on);
  });
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function waitFor<T>(fn: () => Promise<T | undefined | false>, ms = 15_000, step = 200): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await fn().catch(() => undefined);
    if (v) return v;
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await sleep(step);
  }
}
