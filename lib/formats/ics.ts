// iCalendar (RFC 5545) writer: CRLF line endings, content lines folded at 75 octets without
// splitting a UTF-8 character, TEXT values escaped, times in UTC.

export interface IcsEvent {
  uid: string;
  /** When this version of the event was produced. */
  stamp: Date;
  start: Date;
  end: Date;
  summary: string;
  description?: string;
  location?: string;
  url?: string;
  status: "CONFIRMED" | "TENTATIVE" | "CANCELLED";
  /** Increases with each change a calendar should apply over its copy. */
  sequence: number;
  organizer?: { name: string; email: string };
  /** Invitees (iTIP mails name their recipient here; feeds and downloads name none). */
  attendees?: IcsAttendee[];
  created?: Date;
  lastModified?: Date;
}

export interface IcsAttendee {
  name: string;
  email: string;
  partstat: "NEEDS-ACTION" | "ACCEPTED" | "DECLINED";
}

export interface IcsCalendar {
  /** PRODID, e.g. -//Mem2gether//Meetings//EN */
  prodId: string;
  /** iTIP method (RFC 5546): PUBLISH (the default) for files and feeds, REQUEST or CANCEL in mails. */
  method?: "PUBLISH" | "REQUEST" | "CANCEL";
  /** X-WR-CALNAME, shown by most calendar apps as the calendar's name. */
  name?: string;
  events: IcsEvent[];
}

/** UTC date-time, basic format: 20251101T140000Z. */
export function icsDateTime(d: Date): string {
  return d
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
}

/** TEXT escaping (RFC 5545 3.3.11): backslash, semicolon, comma, and line breaks as \n. */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, "\\\\")
    .replace(/;/g, "\\;")
    .replace(/,/g, "\\,")
    .replace(/\r\n|\r|\n/g, "\\n");
}

/** A parameter value (e.g. CN): quoted, and without the characters a quoted value cannot hold. */
function paramValue(value: string): string {
  return `"${value.replace(/["\r\n\x00-\x08\x0a-\x1f\x7f]/g, "")}"`;
}

const encoder = new TextEncoder();

/**
 * Fold one content line (RFC 5545 3.1): at most 75 octets per physical line, continuation lines
 * start with one space (which counts towards their 75), never inside a UTF-8 sequence.
 */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = "";
  let octets = 0;
  let limit = 75;
  for (const char of line) {
    const size = encoder.encode(char).length;
    if (octets + size > limit) {
      parts.push(current);
      current = " ";
      octets = 1;
      limit = 75;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join("\r\n");
}

function eventLines(e: IcsEvent): string[] {
  const lines = [
    "BEGIN:VEVENT",
    `UID:${escapeText(e.uid)}`,
    `DTSTAMP:${icsDateTime(e.stamp)}`,
    `DTSTART:${icsDateTime(e.start)}`,
    `DTEND:${icsDateTime(e.end)}`,
    `SUMMARY:${escapeText(e.summary)}`,
  ];
  if (e.description) lines.push(`DESCRIPTION:${escapeText(e.description)}`);
  if (e.location) lines.push(`LOCATION:${escapeText(e.location)}`);
  // URL is a URI value, not TEXT: it is written as is.
  if (e.url) lines.push(`URL:${e.url}`);
  if (e.organizer) lines.push(`ORGANIZER;CN=${paramValue(e.organizer.name)}:mailto:${e.organizer.email}`);
  for (const a of e.attendees ?? [])
    lines.push(`ATTENDEE;CN=${paramValue(a.name)};ROLE=REQ-PARTICIPANT;PARTSTAT=${a.partstat}:mailto:${a.email}`);
  lines.push(`STATUS:${e.status}`, `SEQUENCE:${e.sequence}`);
  if (e.created) lines.push(`CREATED:${icsDateTime(e.created)}`);
  if (e.lastModified) lines.push(`LAST-MODIFIED:${icsDateTime(e.lastModified)}`);
  lines.push("END:VEVENT");
  return lines;
}

export function toIcs(cal: IcsCalendar): string {
  const lines = ["BEGIN:VCALENDAR", "VERSION:2.0", `PRODID:${cal.prodId}`, "CALSCALE:GREGORIAN", `METHOD:${cal.method ?? "PUBLISH"}`];
  if (cal.name) lines.push(`X-WR-CALNAME:${escapeText(cal.name)}`);
  for (const e of cal.events) lines.push(...eventLines(e));
  lines.push("END:VCALENDAR");
  return lines.map(foldLine).join("\r\n") + "\r\n";
}
