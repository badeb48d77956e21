import "server-only";
import type { Runner } from "graphile-worker";
import { sql, type SqlRunner } from "@/lib/db/prisma";
import { singleton } from "@/lib/system/singleton";

// Background jobs on PostgreSQL through graphile-worker (docs/decisions.md, "Job queue"). This
// module declares and queues, so route handlers can import it; the worker (./worker.ts) is started
// by the composition root. A job is a row that one worker of one node locks and runs; failures
// are retried with an exponential backoff (e^attempt seconds: 3 s, 7 s, 20 s, 55 s...); cron items
// are scheduled once per tick across every node (graphile-worker's known_crontabs lock). Jobs are
// at least once: a node that dies mid-job leaves it to be retried when its lock expires, so
// handlers must tolerate a rerun.

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

export interface Definition {
  handler: (payload: never, ctx: JobContext) => Promise<void>;
  maxAttempts: number;
}

export interface JobRegistry {
  definitions: Map<string, Definition>;
  schedules: { name: string; pattern: string; payload: object }[];
  runner?: Runner;
}

declare module "@/lib/system/singleton" {
  interface ProcessSingletons {
    jobs: JobRegistry;
  }
}

/** What the composition root declared (read by ./worker.ts when it starts). */
export const registry = () => singleton("jobs", () => ({ definitions: new Map(), schedules: [] }));
export const DEFAULT_MAX_ATTEMPTS = 5;

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
 * `run` (a `sqlTransaction`'s) queues it in that transaction: it exists only if the rest commits.
 */
export async function enqueue<K extends JobName>(
  name: K,
  payload: JobPayloads[K],
  options: { runAt?: Date; jobKey?: string; maxAttempts?: number; run?: SqlRunner } = {},
): Promise<string> {
  const maxAttempts = options.maxAttempts ?? registry().definitions.get(name)?.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  const [row] = await (options.run ?? sql)<{ id: string }>(
    "select (graphile_worker.add_job($1::text, $2::json, run_at => $3::timestamptz, max_attempts => $4::int, job_key => $5::text)).id::text as id",
    [name, JSON.stringify(payload), options.runAt ?? null, maxAttempts, options.jobKey ?? null],
  );
  return row!.id;
}
