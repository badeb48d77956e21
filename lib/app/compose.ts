import "server-only";
import { registerAccountJobs } from "@/lib/accounts/jobs";
import { env } from "@/lib/env.mjs";
import { onListenerError } from "@/lib/events/bus";
import { startJobs } from "@/lib/jobs/worker";
import { logger } from "@/lib/log/logger";
import { registerMailJobs } from "@/lib/mail/jobs";
import { registerUploadJobs } from "@/lib/uploads/jobs";

// The one composition root: server.ts calls composeApp() once, after the database and the
// Socket.IO server exist. Every domain hook, event listener and background task is registered
// here, explicitly and in a visible order; no module registers itself when imported.

export interface AppServices {
  /** Stop what composeApp started (timers, workers), before the server closes. */
  stop(): Promise<void>;
}

export interface ComposeOptions {
  /** The database the job queue runs on (the app's own). */
  databaseUrl: string;
}

export async function composeApp(options: ComposeOptions): Promise<AppServices> {
  const log = logger.child({ component: "app" });
  onListenerError((event, err) => log.error({ err, event }, "event listener failed"));
  const stops: (() => void | Promise<void>)[] = [];

  // Background jobs: declared first, then one worker per node runs them (lib/jobs/worker.ts).
  registerMailJobs();
  registerAccountJobs();
  registerUploadJobs(env().UPLOAD_CLEANUP_SCHEDULE);
  stops.push(await startJobs({ databaseUrl: options.databaseUrl, concurrency: env().JOB_CONCURRENCY }));

  return {
    async stop() {
      for (const stop of stops.reverse()) await stop();
    },
  };
}
