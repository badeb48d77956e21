import "server-only";
import type { Locale } from "@/lib/i18n/config";
import { enqueue } from "@/lib/jobs/queue";
import { assertMailConfigured } from "./config";
import type { MailJob } from "./jobs";
import type { MailTemplate, MailTemplates } from "./templates";

export { isMailConfigured } from "./config";

export interface SendMailInput<T extends MailTemplate> {
  to: string;
  template: T;
  /** The recipient's language (their saved locale, else the request's). */
  locale: Locale;
  data: MailTemplates[T];
}

/**
 * Queue a mail: returns once it is stored, never waiting for the SMTP server (a job sends it and
 * retries failures). Throws MAIL_NOT_CONFIGURED (503) in production without SMTP_URL.
 */
export async function sendMail<T extends MailTemplate>(input: SendMailInput<T>): Promise<void> {
  assertMailConfigured();
  await enqueue("mail.send", { to: input.to, template: input.template, locale: input.locale, data: input.data } as MailJob);
}
