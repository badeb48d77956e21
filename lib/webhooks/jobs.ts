import "server-only";
import { defineJob, scheduleJob } from "@/lib/jobs/queue";
import { logger } from "@/lib/log/logger";
import { attemptDelivery, sweepStalledDeliveries } from "./delivery";

declare module "@/lib/jobs/queue" {
  interface JobPayloads {
    /** Attempt one delivery if it is due and free (lib/webhooks/delivery.ts). */
    "webhooks.deliver": { delivery_id: string };
    /** Queue again the deliveries whose reminder was lost. */
    "webhooks.sweep": Record<string, never>;
  }
}

const log = logger.child({ component: "webhooks" });

/** Registered by the composition root. The retries are the rows' own (./delivery.ts), not the queue's. */
export function registerWebhookJobs(): void {
  defineJob("webhooks.deliver", async ({ delivery_id }) => attemptDelivery(delivery_id), { maxAttempts: 3 });
  defineJob(
    "webhooks.sweep",
    async () => {
      const queued = await sweepStalledDeliveries();
      if (queued) log.info({ queued }, "stalled webhook deliveries queued again");
    },
    { maxAttempts: 2 },
  );
  scheduleJob("webhooks.sweep", "* * * * *", {});
}
