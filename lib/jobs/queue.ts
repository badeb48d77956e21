import "server-only";
import { Logger as WorkerLogger, parseCronItems, run, type Runner, type TaskList } from "graphile-worker";
import { sql } from "@/lib/db/prisma";
import { logger } from "@/lib/log/logger";
import { singleton } from "@/lib/system/singleton";

// Background jobs on PostgreSQL through graphile-worker (docs/decisions.md, "Job queue"): a job is
// a row that one worker of one node locks and runs; failures are retried with an exponential
// backoff (e^attempt seconds: 3 s, 7 s, 20 s, 55 s...); cron items are scheduled once per tick
// across every node (graphile-worker's known_crontabs lock). Jobs are at least once: a node that
// dies mid-job leaves it to be retried when its lock expires, so handlers must tolerate a rerun.

/**
 * Every job by name, with its payload (JSON). Each domain declares its own in `lib/<domain>/jobs.ts`:
 *
 *   declare module "@/lib/jobs/queue" {
 *     interface JobPayloads { "mail.send": MailJob }
 *   }
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface JobPayloads {}

export type JobName = keyof JobPayloads & string;

export interface JobContext {
  jobId: string;
  /** 1 on the first run. */
  attempt: number;
  maxAttempts: number;
}

export type JobHandler<K extends JobName> = (payload: JobPayloads[K], ctx: JobContext) => Promise<void>;

interface Definition {
  handler: (payload: never, ctx: JobContext) => Promise<void>;
  maxAttempts: number;
}

interface JobRegistry {
  definitions: Map<string, Definition>;
  schedules: { name: string; pattern: string; payload: object }[];
  runner?: Runner;
}

declare module "@/lib/system/singleton" {
  interface ProcessSingletons {
    jobs: JobRegistry;
  }
}

const registry = () => singleton("jobs", () => ({ definitions: new Map(), schedules: [] }));
const log = logger.child({ component: "jobs" });
const DEFAULT_MAX_ATTEMPTS = 5;

/** Declare how a job runs (composition root, before startJobs). */
export function defineJob<K extends JobName>(name: K, handler: JobHandler<K>, options: { maxAttempts?: number } = {}): void {
  registry().definitions.set(name, { handler: handler as Definition["handler"], maxAttempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS });
}

/**
 * Run `name` on a cron pattern ("17 * * * *": minute 17 of every hour), once per tick across all
 * nodes. A tick missed while every node was down runs at the next start if within the hour.
 */
export function scheduleJob<K extends JobName>(name: K, pattern: string, payload: JobPayloads[K]): void {
  registry().schedules.push({ name, pattern, payload: payload as object });
}

/**
 * Queue a job: a row in the same PostgreSQL, through the app's pool (so it can never block on
 * the work itself). `jobKey` replaces a pending job with the same key instead of adding one.
 */
export async function enqueue<K extends JobName>(
  name: K,
  payload: JobPayloads[K],
  options: { runAt?: Date; jobKey?: string; maxAttempts?: number } = {},
): Promise<string> {
  const maxAttempts = options.maxAttempts ?? registry().definitions.get(name)?.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  const [row] = await sql<{ id: string }>(
    "select (graphile_worker.add_job($1::text, $2::json, run_at => $3::timestamptz, max_attempts => $4::int, job_key => $5::text)).id::text as id",
    [name, JSON.stringify(payload), options.runAt ?? null, maxAttempts, options.jobKey ?? null],
  );
  return row!.id;
}

export interface JobsOptions {
  databaseUrl: string;
  concurrency: number;
}

/** Start this node's worker and cron scheduler; returns what stops them (running jobs finish first). */
export async function startJobs(options: JobsOptions): Promise<() => Promise<void>> {
  const reg = registry();
  const taskList: TaskList = {};
  for (const [name, def] of reg.definitions) {
    taskList[name] = async (payload, helpers) => {
      const ctx: JobContext = { jobId: helpers.job.id, attempt: helpers.job.attempts, maxAttempts: helpers.job.max_attempts };
      try {
        await def.handler(payload as never, ctx);
      } catch (err) {
        const level = ctx.attempt >= ctx.maxAttempts ? "error" : "warn";
        log[level]({ err, job: name, jobId: ctx.jobId, attempt: ctx.attempt, maxAttempts: ctx.maxAttempts }, "job failed");
        throw err;
      }
    };
  }
  const parsedCronItems = parseCronItems(
    reg.schedules.map((s) => ({
      task: s.name,
      match: s.pattern,
      identifier: s.name,
      payload: s.payload as Record<string, unknown>,
      options: { backfillPeriod: 60 * 60 * 1000, maxAttempts: reg.definitions.get(s.name)?.maxAttempts ?? DEFAULT_MAX_ATTEMPTS },
    })),
  );
  // graphile-worker's own chatter (a line per job) goes to debug; failures are logged above.
  const workerLogger = new WorkerLogger((scope) => (level, message, meta) => {
    const fields = { scope, ...meta };
    if (level === "error") log.error(fields, message);
    else if (level === "warning") log.warn(fields, message);
    else log.debug(fields, message);
  });
  const runner = await run({
    connectionString: options.databaseUrl,
    concurrency: options.concurrency,
    // Its own small pool: a LISTEN connection plus one per concurrent job, apart from Prisma's.
    maxPoolSize: options.concurrency + 2,
    noHandleSignals: true,
    pollInterval: 2000,
    taskList,
    parsedCronItems,
    logger: workerLogger,
  });
  runner.events.on("cron:scheduled", ({ timestamp, jobsAndIdentifiers }) => {
    if (jobsAndIdentifiers.length)
      log.info({ tick: new Date(timestamp).toISOString(), jobs: jobsAndIdentifiers.map((j) => j.identifier) }, "cron tick");
  });
  reg.runner = runner;
  log.info({ jobs: [...reg.definitions.keys()], schedules: reg.schedules.map((s) => `${s.name} ${s.pattern}`) }, "job worker started");
  return async () => {
    reg.runner = undefined;
    await runner.stop();
  };
}
