import "server-only";
import type { Locale } from "@/lib/i18n/config";
import { defineJob } from "@/lib/jobs/queue";
import { logger } from "@/lib/log/logger";
import { renderMail, type MailTemplate, type MailTemplates } from "./templates";
import { deliver, type MailCalendar } from "./transport";

export type MailJob = {
  [T in MailTemplate]: { to: string; template: T; locale: Locale; data: MailTemplates[T]; calendar?: MailCalendar };
}[MailTemplate];

declare module "@/lib/jobs/queue" {
  interface JobPayloads {
    "mail.send": MailJob;
  }
}

const log = logger.child({ component: "mail" });

/** About two hours of retries (e^attempt seconds apart) before a mail is given up. */
export const MAIL_MAX_ATTEMPTS = 9;

/** Registered by the composition root: one job per mail, rendered when it is sent. */
export function registerMailJobs(): void {
  defineJob(
    "mail.send",
    async (job, ctx) => {
      const rendered = renderMail(job.template, job.locale, job.data);
      await deliver({ to: job.to, ...rendered, calendar: job.calendar });
      log.info({ template: job.template, locale: job.locale, jobId: ctx.jobId, attempt: ctx.attempt }, "mail sent");
    },
    { maxAttempts: MAIL_MAX_ATTEMPTS },
  );
}
