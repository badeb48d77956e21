import "server-only";
import { defineJob, scheduleJob } from "@/lib/jobs/queue";
import { logger } from "@/lib/log/logger";
import { removeStaleUploads } from "./service";

declare module "@/lib/jobs/queue" {
  interface JobPayloads {
    /** Remove uploads that no domain referenced within a day. */
    "uploads.cleanup": Record<string, never>;
  }
}

const log = logger.child({ component: "uploads" });

/** Registered by the composition root: the cleanup runs on one node per tick of `pattern`. */
export function registerUploadJobs(pattern: string): void {
  defineJob(
    "uploads.cleanup",
    async () => {
      const removed = await removeStaleUploads();
      log.info({ removed }, "upload cleanup ran");
    },
    { maxAttempts: 3 },
  );
  scheduleJob("uploads.cleanup", pattern, {});
}
