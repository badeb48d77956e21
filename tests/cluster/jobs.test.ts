// Jobs and webhooks across two production nodes on one PostgreSQL (one pair of nodes for both, so
// the suite boots them once): a mail is sent once, a scheduled job runs on one node per tick (both
// nodes' schedulers fire; only one inserts the job), a meeting's reminder goes out once per invitee
// however many runs of its job the nodes make; each webhook delivery reaches the receiver once
// (whichever worker takes it), a node without WEBHOOK_ALLOW_PRIVATE refuses internal targets, and
// a node killed in the middle of a delivery leaves it to the other node once the attempt's lease
// runs out (not graphile-worker's 4-hour lock).
import { randomBytes } from "node:crypto";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppNode } from "../setup/nodes";
import { startSmtpSink, type SmtpSink } from "../setup/smtp";
import { mailsTo, waitForMails } from "../helpers/mail";
import { signedWith, startReceiver, type Receiver } from "../helpers/webhooks";
import {
  api,
  createUser,
  redisPrefix,
  startClusterNode,
  startPostgres,
  startRedis,
  waitFor,
  type Postgres,
  type RedisServer,
} from "./harness";

let database: Postgres;
let redis: RedisServer;
let smtp: SmtpSink;
let prefix: string;
let receiver: Receiver;
let a: AppNode;
let b: AppNode;
/** The meeting whose reminder is checked (made early: see "the cron minute on two nodes"). */
let seminar: Promise<{ emails: string[]; since: number; status: number }>;

const INSTRUCTOR_CODE = "cluster-instructors";

/** Queues `count` runs of a job at once (the workers of both nodes may take one each). */
async function addJobs(task: string, count: number): Promise<void> {
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    await client.query("select graphile_worker.add_job($1, '{}'::json) from generate_series(1, $2::int)", [task, count]);
  } finally {
    await client.end();
  }
}

async function pendingJobs(task: string): Promise<number> {
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    const { rows } = await client.query("select count(*)::int as n from graphile_worker.jobs where task_identifier = $1", [task]);
    return rows[0].n;
  } finally {
    await client.end();
  }
}

/** The JSON log lines of a node with this message. */
const lines = (node: AppNode, msg: string) =>
  node
    .output()
    .split("\n")
    .filter((l) => l.includes(`"msg":"${msg}"`))
    .map((l) => JSON.parse(l) as Record<string, unknown>);

async function instructor(base: string) {
  const username = `t${randomBytes(5).toString("hex")}`;
  const password = "cluster password";
  const reg = await api(base, "/api/auth/register", {
    body: { email: `${username}@x.test`, username, password, role: "instructor", instructor_code: INSTRUCTOR_CODE },
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

/** A meeting 15 minutes from now with two invitees, created on node B by an instructor of node A. */
async function createSeminar() {
  const teacher = (await instructor(a.baseUrl)).token;
  const students = [await createUser(a.baseUrl), await createUser(b.baseUrl)];
  const since = Date.now();
  const created = await api(b.baseUrl, "/api/meetings/", {
    token: teacher,
    body: {
      title: "Cluster seminar",
      scheduled_date: new Date(since + 15 * 60_000).toISOString(),
      duration: 30,
      student_ids: students.map((s) => s.id),
    },
  });
  return { emails: students.map((s) => `${s.username}@x.test`), since, status: created.status };
}

async function closeRoom(base: string, token: string): Promise<string> {
  const room = await api(base, "/api/rooms", { token, body: { name: "Cluster room" } });
  const closed = await api(base, `/api/rooms/${room.body.room.room_id}/close`, { method: "POST", token });
  expect(closed.status).toBe(200);
  return room.body.room.room_id as string;
}

beforeAll(async () => {
  database = await startPostgres();
  redis = await startRedis();
  smtp = await startSmtpSink(path.resolve(`.data/cluster-smtp/${Date.now().toString(36)}`));
  receiver = await startReceiver();
  prefix = redisPrefix();
  // Cron every minute, so a tick comes during the test; info logs say which node ran what; the
  // webhook receivers listen on 127.0.0.1.
  const env = {
    SMTP_URL: smtp.url,
    LOG_LEVEL: "info",
    UPLOAD_CLEANUP_SCHEDULE: "* * * * *",
    INSTRUCTOR_SIGNUP_CODE: INSTRUCTOR_CODE,
    WEBHOOK_ALLOW_PRIVATE: "true",
  };
  // One after the other: the first applies the migrations, and the second does not wait on
  // their advisory lock past Prisma's 10 s (it did on a loaded machine).
  a = await startClusterNode(database.url, redis.url, prefix, env);
  b = await startClusterNode(database.url, redis.url, prefix, env);
  seminar = createSeminar();
  await seminar;
});

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await receiver?.close();
  await smtp?.stop();
  await redis?.stop();
  await database?.dispose();
});

describe("jobs on two nodes", () => {
  it("sends one reset request's mail once", async () => {
    const user = await createUser(a.baseUrl);
    const email = `${user.username}@x.test`;
    expect((await api(b.baseUrl, "/api/auth/password-reset", { body: { email } })).status).toBe(200);
    await waitForMails(smtp.dir, email);
    // Once neither job is pending, nothing can send it again.
    await waitFor(async () => (await pendingJobs("accounts.password_reset")) + (await pendingJobs("mail.send")) === 0);
    expect(await mailsTo(smtp.dir, email)).toHaveLength(1);
    // (The seminar's invitations went out before: only reset mails count here.)
    const resets = (node: AppNode) => lines(node, "mail sent").filter((l) => l.template === "password-reset").length;
    expect(resets(a) + resets(b)).toBe(1);
  });
});

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

  it("without WEBHOOK_ALLOW_PRIVATE, internal targets are refused at creation and create nothing", async () => {
    const strict = await startClusterNode(database.url, redis.url, prefix, { INSTRUCTOR_SIGNUP_CODE: INSTRUCTOR_CODE });
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

// After the webhook scenarios: the cron minute the reminder waits for has passed meanwhile.
describe("the cron minute on two nodes", () => {
  it("sends a meeting's reminder once per invitee: two nodes ticking and extra runs of the job at once", async () => {
    const { emails, since, status } = await seminar;
    expect(status).toBe(201);
    for (const email of emails) await waitForMails(smtp.dir, email); // the invitations
    await addJobs("meetings.send_reminders", 3);
    // And a tick of the clock after the creation, handled by both nodes' schedulers.
    await waitFor(
      async () => {
        const ticksOfB = new Set(lines(b, "cron tick").map((l) => l.tick));
        return lines(a, "cron tick").some((l) => ticksOfB.has(l.tick) && Date.parse(String(l.tick)) > since);
      },
      75_000,
      250,
    );
    await waitFor(async () => (await pendingJobs("meetings.send_reminders")) + (await pendingJobs("mail.send")) === 0, 30_000);
    for (const email of emails) {
      const reminders = (await mailsTo(smtp.dir, email)).filter(
        (m) => m.subject?.endsWith(": Cluster seminar") && m.subject.startsWith("In "),
      );
      expect(reminders).toHaveLength(1);
    }
    const claims = [...lines(a, "meeting reminders claimed"), ...lines(b, "meeting reminders claimed")];
    expect(claims.reduce((n, l) => n + Number(l.meetings), 0)).toBe(1);
  });

  it("runs a scheduled job on one node per tick", async () => {
    // Both schedulers fire on the minute: wait for a tick both have handled (the reminder test
    // before this one waited for one already, so the cron minute is not waited for twice).
    const tick = await waitFor(
      async () => {
        const ticksOfB = new Set(lines(b, "cron tick").map((l) => l.tick));
        return lines(a, "cron tick").find((l) => ticksOfB.has(l.tick))?.tick as string | undefined;
      },
      75_000,
      250,
    );
    expect(tick).toBeTruthy();
    await waitFor(async () => lines(a, "upload cleanup ran").length + lines(b, "upload cleanup ran").length > 0);
    await waitFor(async () => (await pendingJobs("uploads.cleanup")) === 0);
    const ran = lines(a, "upload cleanup ran").length + lines(b, "upload cleanup ran").length;
    const ticks = new Set([...lines(a, "cron tick"), ...lines(b, "cron tick")].map((l) => l.tick)).size;
    expect(ran).toBe(ticks);
  });
});

// Last: it kills one of the two nodes.
describe("a node killed mid-delivery", () => {
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
});
