// Jobs across two production nodes on one PostgreSQL: a mail is sent once, a scheduled job runs on
// one node per tick (both nodes' schedulers fire; only one inserts the job), and a meeting's
// reminder goes out once per invitee however many runs of its job the nodes make.
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppNode } from "../setup/nodes";
import { startSmtpSink, type SmtpSink } from "../setup/smtp";
import { mailsTo, waitForMails } from "../helpers/mail";
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
let a: AppNode;
let b: AppNode;

const INSTRUCTOR_CODE = "cluster-instructors";

async function createInstructor(base: string) {
  const username = `i${Date.now().toString(36)}`;
  const password = "cluster password";
  const reg = await api(base, "/api/auth/register", {
    body: { email: `${username}@x.test`, username, password, role: "instructor", instructor_code: INSTRUCTOR_CODE },
  });
  if (reg.status !== 201) throw new Error(JSON.stringify(reg.body));
  return (await api(base, "/api/auth/token", { body: { username, password } })).body.token as string;
}

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

beforeAll(async () => {
  database = await startPostgres();
  redis = await startRedis();
  smtp = await startSmtpSink(path.resolve(`.data/cluster-smtp/${Date.now().toString(36)}`));
  const prefix = redisPrefix();
  // Every minute, so a tick comes during the test; info logs say which node ran what.
  const env = { SMTP_URL: smtp.url, LOG_LEVEL: "info", UPLOAD_CLEANUP_SCHEDULE: "* * * * *", INSTRUCTOR_SIGNUP_CODE: INSTRUCTOR_CODE };
  // One after the other: the first applies the migrations, and the second does not wait on
  // their advisory lock past Prisma's 10 s (it did on a loaded machine).
  a = await startClusterNode(database.url, redis.url, prefix, env);
  b = await startClusterNode(database.url, redis.url, prefix, env);
});

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
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
    expect(lines(a, "mail sent").length + lines(b, "mail sent").length).toBe(1);
  });

  it("sends a meeting's reminder once per invitee: two nodes ticking and extra runs of the job at once", async () => {
    const teacher = await createInstructor(a.baseUrl);
    const students = [await createUser(a.baseUrl), await createUser(b.baseUrl)];
    const emails = students.map((s) => `${s.username}@x.test`);
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
    expect(created.status).toBe(201);
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
