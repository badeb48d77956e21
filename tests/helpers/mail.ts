import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { simpleParser, type ParsedMail } from "mailparser";

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Every mail the test SMTP server in `dir` received for `to`, parsed. */
export async function mailsTo(dir: string, to: string): Promise<ParsedMail[]> {
  const files = readdirSync(dir).filter((f) => f.endsWith(".eml"));
  const mails = await Promise.all(files.map((f) => simpleParser(readFileSync(path.join(dir, f)))));
  return mails.filter((m) => (Array.isArray(m.to) ? m.to : m.to ? [m.to] : []).some((a) => a.value.some((v) => v.address === to)));
}

/** Waits (polling the directory) until `count` mails for `to` arrived; returns them. */
export async function waitForMails(dir: string, to: string, count = 1, timeoutMs = 20_000): Promise<ParsedMail[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const mails = await mailsTo(dir, to);
    if (mails.length >= count) return mails;
    if (Date.now() > deadline) throw new Error(`expected ${count} mail(s) to ${to}, got ${mails.length}`);
    await pause(100);
  }
}

/** How many times the server refused a recipient (the "+smtpfail" addresses). */
export const refusals = (dir: string, to: string) =>
  readdirSync(dir).filter((f) => f.startsWith("refused-") && readFileSync(path.join(dir, f), "utf8") === to).length;

/** The reset token in a mail's text. */
export function resetToken(mail: ParsedMail): string {
  const match = /\/reset-password\?token=([\w-]+)/.exec(mail.text ?? "");
  if (!match) throw new Error(`no reset link in:\n${mail.text}`);
  return match[1]!;
}
