// Webhooks across two production nodes on one PostgreSQL: each delivery reaches the receiver once
// (whichever worker takes it), a node killed in the middle of a delivery leaves it to the other
// node once the attempt's lease runs out (not graphile-worker's 4-hour lock), and a node without
// WEBHOOK_ALLOW_PRIVATE refuses internal targets.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppNode } from "../setup/nodes";
import { signedWith, startReceiver, type Receiver } from "../helpers/webhooks";
import { api, redisPrefix, startClusterNode, startPostgres, startRedis, waitFor, type Postgres, type RedisServer } from "./harness";

let database: Postgres;
let redis: RedisServer;
let prefix: string;
let a: AppNode;
let b: AppNode;
let receiver: Receiver;
const CODE = "cluster-instructor-code";
// The receivers listen on 127.0.0.1; info logs say which node attempted what.
const env = { WEBHOOK_ALLOW_PRIVATE: "true", LOG_LEVEL: "info", INSTRUCTOR_SIGNUP_CODE: CODE };

beforeAll(async () => {
  database = await startPostgres();
  redis = await startRedis();
  prefix = redisPrefix();
  receiver = await startReceiver();
  // One after the other: the first applies the migrations.
  a = await startClusterNode(database.url, redis.url, prefix, env);
  b = await startClusterNode(database.url, redis.url, prefix, env);
});

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await receiver?.close();
  await redis?.stop();
  await database?.dispose();
});

async function instructor(base: string) {
  const username = `t${randomBytes(5).toString("hex")}`;
  const password = "cluster password";
  const reg = await api(base, "/api/auth/register", {
    body: { email: `${username}@x.test`, username, password, role: "instructor", instructor_code: CODE },
  });
  if (reg.status !== 201) throw new Error(JSON.stringify(reg.body));
  const tok = await api(base, "/api/auth/token", { body: { username, password } });
  return { id: reg.body.user.id as string, token: tok.body.token as string };
}

async function query<T extends object>(text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

const pendingDeliverJobs = async () =>
  (await query<{ n: number }>("select count(*)::int as n from graphile_worker.jobs where task_identifier = 'webhooks.deliver'"))[0]!.n;

/** The JSON log lines of a node with this message. */
const lines = (node: AppNode, msg: string) =>
  node
    .output()
    .split("\n")
    .filter((l) => l.includes(`"msg":"${msg}"`))
    .map((l) => JSON.parse(l) as Record<string, unknown>);

async function closeRoom(base: string, token: string): Promise<string> {
  const room = await api(base, "/api/rooms", { token, body: { name: "Cluster room" } });
  const closed = await api(base, `/api/rooms/${room.body.room.room_id}/close`, { method: "POST", token });
  expect(closed.status).toBe(200);
  return room.body.room.room_id as string;
}

describe("webhooks on two nodes", () => {
  it("delivers each event once, whichever node heard it", async () => {
    const teacher = await instructor(a.baseUrl);
    const created = await api(b.baseUrl, "/api/webhooks", { token: teacher.token, body: { url: receiver.url, events: ["room.closed"] } });
    expect(created.status).toBe(201);
    const rooms: string[] = [];
    for (let i = 0; i < 8; i++) rooms.push(await closeRoom(i % 2 ? a.baseUrl : b.baseUrl, teacher.token));
    await waitFor(async () => rooms.every((id) => receiver.of("room.closed", (d) => d.room.room_id === id).length > 0), 30_000);
    // Every reminder left (the takeover queued at each lease's expiry) has run and found nothing to do.
    await waitFor(async () => (await pendingDeliverJobs()) === 0, 60_000, 500);
    for (const id of rooms) {
      const got = receiver.of("room.closed", (d) => d.room.room_id === id);
      expect(got, id).toHaveLength(1);
      expect(signedWith(created.body.secret, got[0]!)).toBe(true);
    }
    const ids = receiver.of("room.closed").map((r) => r.headers["x-mem2gether-delivery"]);
    expect(new Set(ids).size).toBe(ids.length);
    const log = await api(a.baseUrl, `/api/webhooks/${created.body.webhook.id}/deliveries`, { token: teacher.token });
    expect(log.body.deliveries).toHaveLength(rooms.length);
    expect(log.body.deliveries.every((d: { status: string; attempts: number }) => d.status === "succeeded" && d.attempts === 1)).toBe(true);
    expect(lines(a, "webhook delivered").length + lines(b, "webhook delivered").length).toBe(rooms.length);
  });

  it("a node killed in the middle of a delivery: the other node delivers it once the lease runs out", async () => {
    const teacher = await instructor(a.baseUrl);
    const hook = await startReceiver();
    try {
      hook.answers = ["hold"];
      const created = await api(a.baseUrl, "/api/webhooks", { token: teacher.token, body: { url: hook.url, events: ["room.closed"] } });
      const roomId = await closeRoom(a.baseUrl, teacher.token);
      const [first] = await hook.waitFor("room.closed", (d) => d.room.room_id === roomId, 1, 30_000);
      const deliveryId = String(first!.headers["x-mem2gether-delivery"]);
      const attempted = (node: AppNode) => lines(node, "webhook attempt").some((l) => l.delivery === deliveryId);
      const holder = attempted(a) ? a : b;
      const survivor = holder === a ? b : a;
      expect(attempted(survivor)).toBe(false);
      // Killed while the receiver holds the request: no outcome is ever written by it.
      await holder.stop("SIGKILL");
      const [, second] = await hook.waitFor("room.closed", (d) => d.room.room_id === roomId, 2, 60_000);
      expect(second!.headers["x-mem2gether-delivery"]).toBe(deliveryId);
      expect(second!.body).toBe(first!.body);
      expect(signedWith(created.body.secret, second!)).toBe(true);
      await waitFor(async () => lines(survivor, "webhook delivered").some((l) => l.delivery === deliveryId), 15_000);
      const log = await api(survivor.baseUrl, `/api/webhooks/${created.body.webhook.id}/deliveries`, { token: teacher.token });
      expect(log.body.deliveries[0]).toMatchObject({ id: deliveryId, status: "succeeded", attempts: 2, last_response_status: 200 });
    } finally {
      await hook.close();
    }
  });

  it("without WEBHOOK_ALLOW_PRIVATE, internal targets are refused at creation and create nothing", async () => {
    const strict = await startClusterNode(database.url, redis.url, prefix, { INSTRUCTOR_SIGNUP_CODE: CODE });
    try {
      const teacher = await instructor(strict.baseUrl);
      for (const url of [
        receiver.url,
        "http://localhost:9/hook",
        "http://[::1]/hook",
        "http://[::ffff:127.0.0.1]/hook",
        "http://169.254.169.254/latest",
        "http://10.0.0.8/x",
      ]) {
        const res = await api(strict.baseUrl, "/api/webhooks", { token: teacher.token, body: { url, events: ["room.closed"] } });
        expect(res.status, url).toBe(400);
        expect(res.body.code).toBe("VALIDATION_ERROR");
        expect(res.body.details.url[0]).toMatch(/internal/);
      }
      const [{ n }] = (await query<{ n: number }>("select count(*)::int as n from webhooks where owner_id = $1", [teacher.id])) as [
        { n: number },
      ];
      expect(n).toBe(0);
    } finally {
      await strict.stop();
    }
  });
});
