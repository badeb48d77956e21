// Meeting mails as a calendar app reads them: the iTIP object of a mail (its text/calendar
// alternative and its .ics attachment), parsed with a real iCalendar parser (ical.js).
import ICAL from "ical.js";
import type { ParsedMail } from "mailparser";
import { expect } from "vitest";
import { mailsTo } from "./mail";

export interface Itip {
  method: string;
  uid: string;
  sequence: number;
  start: Date;
  end: Date;
  status: string;
  summary: string;
  description: string;
  url: string;
  organizer: string;
  attendees: { email: string; partstat: string }[];
}

/** Parses one iCalendar object holding one VEVENT. */
export function parseItip(text: string): Itip {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const events = calendar.getAllSubcomponents("vevent");
  expect(events).toHaveLength(1);
  const e = events[0]!;
  const time = (name: string) => (e.getFirstPropertyValue(name) as ICAL.Time).toJSDate();
  return {
    method: String(calendar.getFirstPropertyValue("method")),
    uid: String(e.getFirstPropertyValue("uid")),
    sequence: Number(e.getFirstPropertyValue("sequence")),
    start: time("dtstart"),
    end: time("dtend"),
    status: String(e.getFirstPropertyValue("status")),
    summary: String(e.getFirstPropertyValue("summary")),
    description: String(e.getFirstPropertyValue("description")),
    url: String(e.getFirstPropertyValue("url")),
    organizer: String(e.getFirstPropertyValue("organizer")),
    attendees: e
      .getAllProperties("attendee")
      .map((p) => ({ email: String(p.getFirstValue()), partstat: String(p.getParameter("partstat")) })),
  };
}

/**
 * The mail's calendar object: the `text/calendar; method=...` alternative (what makes a mail
 * client offer Accept) and the `.ics` attachment hold the same text; returns it parsed, after
 * checking that the part's method is the object's.
 */
export function mailCalendar(mail: ParsedMail): Itip {
  const parts = mail.attachments.filter((a) => /^(text\/calendar|application\/ics)/i.test(a.contentType));
  const alternative = parts.find((a) => a.contentType.toLowerCase() === "text/calendar");
  const files = parts.filter((a) => a.contentType.toLowerCase() === "application/ics");
  expect(files).toHaveLength(1);
  const file = files[0];
  if (!alternative || !file) throw new Error(`no calendar parts in ${JSON.stringify(mail.attachments.map((a) => a.contentType))}`);
  expect(file.filename).toMatch(/^meeting-.+\.ics$/);
  const text = alternative.content.toString("utf8");
  expect(file.content.toString("utf8")).toBe(text);
  const itip = parseItip(text);
  const header = alternative.headers.get("content-type") as { params?: Record<string, string> } | undefined;
  expect(header?.params?.method?.toUpperCase()).toBe(itip.method);
  return itip;
}

/** The mails to `to` whose subject starts with `prefix`. */
export async function mailsWithSubject(dir: string, to: string, prefix: string): Promise<ParsedMail[]> {
  return (await mailsTo(dir, to)).filter((m) => m.subject?.startsWith(prefix));
}
