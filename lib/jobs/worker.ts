import "server-only";
import { Logger as WorkerLogger, parseCronItems, run, type TaskList } from "graphile-worker";
import { logger } from "@/lib/log/logger";
import { DEFAULT_MAX_ATTEMPTS, registry, type JobContext } from "./queue";

const log = logger.child({ component: "jobs" });

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
  const runnerOptions = {
    connectionString: options.databaseUrl,
    concurrency: options.concurrency,
    // Its own small pool: a LISTEN connection plus one per concurrent job, apart from Prisma's.
    maxPoolSize: options.concurrency + 2,
    noHandleSignals: true,
    pollInterval: 2000,
    taskList,
    parsedCronItems,
    logger: workerLogger,
  };
  let stopping = false;
  // graphile-worker stops its runner when the cron scheduler hits a database error (PostgreSQL
  // restarting at the minute of a tick): start a new one until the database answers again.
  const launch = async (): Promise<void> => {
    const runner = await run(runnerOptions);
    runner.events.on("cron:scheduled", ({ timestamp, jobsAndIdentifiers }) => {
      if (jobsAndIdentifiers.length)
        log.info({ tick: new Date(timestamp).toISOString(), jobs: jobsAndIdentifiers.map((j) => j.identifier) }, "cron tick");
    });
    reg.runner = runner;
    runner.promise.catch((err: unknown) => {
      if (stopping) return;
      log.error({ err }, "job worker stopped on an error; restarting");
      void relaunch();
    });
  };
  const relaunch = async () => {
    while (!stopping) {
      await new Promise((r) => setTimeout(r, 5000).unref());
      if (stopping) return;
      try {
        return await launch();
      } catch (err) {
        log.warn({ err }, "job worker could not restart yet");
      }
    }
  };
  await launch();
  log.info({ jobs: [...reg.definitions.keys()], schedules: reg.schedules.map((s) => `${s.name} ${s.pattern}`) }, "job worker started");
  return async () => {
    stopping = true;
    const runner = reg.runner;
    reg.runner = undefined;
    await runner?.stop().catch(() => {});
  };
}
