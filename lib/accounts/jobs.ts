import "server-only";
import type { Locale } from "@/lib/i18n/config";
import { defineJob } from "@/lib/jobs/queue";
import { passwordResetForEmail } from "./recovery";

declare module "@/lib/jobs/queue" {
  interface JobPayloads {
    /** A reset asked for by address: the job finds the account (if any) and queues the mail. */
    "accounts.password_reset": { email: string; locale: Locale };
  }
}

/** Registered by the composition root. */
export function registerAccountJobs(): void {
  defineJob("accounts.password_reset", ({ email, locale }) => passwordResetForEmail(email, locale), { maxAttempts: 3 });
}
