import "server-only";
import { randomBytes } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import nodemailer, { type Transporter } from "nodemailer";
import { env } from "@/lib/env.mjs";
import { singleton } from "@/lib/system/singleton";
import { mailDir, mailMode } from "./config";

/** An iCalendar object (iTIP, RFC 6047) sent with a mail. */
export interface MailCalendar {
  method: "REQUEST" | "CANCEL";
  filename: string;
  content: string;
}

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  calendar?: MailCalendar;
}

/** What the development outbox keeps next to each `.eml`, for the /dev/mail page. */
export interface OutboxEntry {
  id: string;
  to: string;
  subject: string;
  text: string;
  date: string;
}

declare module "@/lib/system/singleton" {
  interface ProcessSingletons {
    mailTransport: Transporter;
  }
}

// A slow server fails the attempt (the job is retried later) rather than holding a worker for minutes.
const smtp = () =>
  singleton("mailTransport", () =>
    nodemailer.createTransport(env().SMTP_URL!, { connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 60_000 }),
  );

/**
 * A calendar object goes twice (nodemailer's `icalEvent`): as the `text/calendar; method=...`
 * alternative that mail clients turn into an invitation (Accept / Decline) or a cancellation, and
 * as an `application/ics` attachment under `filename`, to open or save by hand.
 */
function calendarParts(calendar: MailCalendar | undefined) {
  if (!calendar) return {};
  return { icalEvent: { method: calendar.method, filename: calendar.filename, content: calendar.content } };
}

/** Hand one mail to the SMTP server, or write it to the development outbox. Throws to be retried. */
export async function deliver(mail: OutgoingMail): Promise<void> {
  const message = {
    from: env().MAIL_FROM,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    ...calendarParts(mail.calendar),
  };
  const mode = mailMode();
  if (mode === "smtp") {
    await smtp().sendMail(message);
    return;
  }
  if (mode === "off") throw new Error("mail is not configured");
  const built = await nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" }).sendMail(message);
  const date = new Date();
  const id = `${date.toISOString().replace(/[:.]/g, "-")}-${randomBytes(4).toString("hex")}`;
  const dir = mailDir();
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, `${id}.eml`), built.message as Buffer);
  const entry: OutboxEntry = { id, to: mail.to, subject: mail.subject, text: mail.text, date: date.toISOString() };
  await writeFile(path.join(dir, `${id}.json`), JSON.stringify(entry));
}
