import "server-only";
import { defineJob, scheduleJob } from "@/lib/jobs/queue";
import { logger } from "@/lib/log/logger";
import { closeLapsedCalls } from "./service";

declare module "@/lib/jobs/queue" {
  interface JobPayloads {
    /** Close the call intervals whose heartbeats stopped (lib/meetings/service.ts). */
    "meetings.close_lapsed_calls": Record<string, never>;
  }
}

const log = logger.child({ component: "meetings" });

/** Registered by the composition root: every minute, on one node. */
export function registerMeetingJobs(): void {
  defineJob(
    "meetings.close_lapsed_calls",
    async () => {
      const meetings = await closeLapsedCalls();
      if (meetings) log.info({ meetings }, "closed lapsed call intervals");
    },
    { maxAttempts: 2 },
  );
  scheduleJob("meetings.close_lapsed_calls", "* * * * *", {});
}
