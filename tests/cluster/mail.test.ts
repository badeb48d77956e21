// Jobs across two production nodes on one PostgreSQL: a mail is sent once, and a scheduled job
// runs on one node per tick (both nodes' schedulers fire; only one inserts the job).
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
  const env = { SMTP_URL: smtp.url, LOG_LEVEL: "info", UPLOAD_CLEANUP_SCHEDULE: "* * * * *" };
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

  it("runs a scheduled job on one node per tick", async () => {
    // Both schedulers fire on the minute: wait for a tick both have handled.
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
