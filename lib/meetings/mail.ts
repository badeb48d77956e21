import "server-only";
import type { MeetingResponse, ParticipantStatus } from "@prisma/client";
import { db, sqlTransaction, type SqlRunner } from "@/lib/db/prisma";
import { env } from "@/lib/env.mjs";
import { subscribe } from "@/lib/events/bus";
import { toIcs, type IcsAttendee } from "@/lib/formats/ics";
import { DEFAULT_LOCALE, isLocale } from "@/lib/i18n/config";
import { defineJob, enqueue, scheduleJob } from "@/lib/jobs/queue";
import { logger } from "@/lib/log/logger";
import { isMailConfigured } from "@/lib/mail/config";
import type { MailJob } from "@/lib/mail/jobs";
import type { MeetingMailData } from "@/lib/mail/meeting-templates";
import type { MailCalendar } from "@/lib/mail/transport";
import { meetingEvent, meetingIcsFilename, PRODID } from "./export";
import type { CalendarMeeting } from "./present";

// Meeting mails (CONTRACT.md section 11, docs/meetings.md "Mail and calendar"). The domain says
// what happened (lib/meetings/events.ts); this module listens and queues one `mail.send` job per
// recipient, so the request never waits for SMTP and a mail failure never undoes the change. Each
// invitation, update and cancellation carries the meeting as an iTIP object (METHOD:REQUEST or
// CANCEL) with the UID and SEQUENCE of the download and the feed (./export.ts). The reminder is a
// per-minute cron job (one node per tick) that claims each meeting starting within 15 minutes in
// the table `meeting_reminders`, atomically, so a meeting is reminded once for each start date.

declare module "@/lib/jobs/queue" {
  interface JobPayloads {
    /** Queue the reminders of the meetings starting within 15 minutes. */
    "meetings.send_reminders": Record<string, never>;
  }
}

export const REMINDER_MINUTES = 15;

const log = logger.child({ component: "meetings" });

const recipientSelect = { id: true, email: true, name: true, locale: true, deactivatedAt: true } as const;
interface Recipient {
  id: string;
  email: string;
  name: string;
  locale: string | null;
  deactivatedAt: Date | null;
}

type MailMeeting = CalendarMeeting & {
  participants: { studentId: string; status: ParticipantStatus; response: MeetingResponse | null; student: Recipient }[];
};

/** The meeting with its current invitees (those taken off it are not). */
function loadMeeting(id: string): Promise<MailMeeting | null> {
  return db().meeting.findUnique({
    where: { id },
    include: {
      instructor: { select: { email: true, name: true } },
      participants: {
        where: { removedAt: null },
        select: { studentId: true, status: true, response: true, student: { select: recipientSelect } },
        orderBy: { studentId: "asc" },
      },
    },
  });
}

/** The page a mail links to: the meeting's own page (its call, once it started). */
export const meetingPageUrl = (id: string) => `${env().APP_URL}/meetings/${id}/call`;

const partstat = (response: MeetingResponse | null): IcsAttendee["partstat"] =>
  response === "accept" ? "ACCEPTED" : response === "decline" ? "DECLINED" : "NEEDS-ACTION";

/**
 * The iTIP object for one recipient: the shared VEVENT, linking to the meeting's page, naming the
 * recipient alone as ATTENDEE (no invitee learns the others' addresses).
 */
function calendarFor(
  method: MailCalendar["method"],
  m: MailMeeting,
  to: Recipient,
  status: IcsAttendee["partstat"],
  now: Date,
): MailCalendar {
  const event = {
    ...meetingEvent(m, now),
    url: meetingPageUrl(m.id),
    status: method === "CANCEL" ? ("CANCELLED" as const) : ("CONFIRMED" as const),
    attendees: [{ name: to.name, email: to.email, partstat: status }],
  };
  return { method, filename: meetingIcsFilename(m), content: toIcs({ prodId: PRODID, method, events: [event] }) };
}

type Kind = "invitation" | "update" | "cancelled" | "removed" | "reminder";

function mailFor(kind: Kind, m: MailMeeting, to: Recipient, response: MeetingResponse | null, now: Date): MailJob {
  const locale = isLocale(to.locale) ? to.locale : DEFAULT_LOCALE;
  const data: MeetingMailData = {
    name: to.name,
    title: m.title,
    description: m.description,
    instructor: m.instructor.name,
    start: m.scheduledDate.toISOString(),
    end: new Date(m.scheduledDate.getTime() + m.duration * 60_000).toISOString(),
    // The app keeps no time zone per user (only the browser's, in a cookie): UTC, said in the mail.
    timeZone: null,
    url: meetingPageUrl(m.id),
  };
  const base = { to: to.email, locale };
  const status = partstat(response);
  switch (kind) {
    case "invitation":
      return { ...base, template: "meeting-invitation", data, calendar: calendarFor("REQUEST", m, to, status, now) };
    case "update":
      return { ...base, template: "meeting-update", data, calendar: calendarFor("REQUEST", m, to, status, now) };
    case "cancelled":
    case "removed":
      return {
        ...base,
        template: "meeting-cancellation",
        data: { ...data, reason: kind },
        calendar: calendarFor("CANCEL", m, to, status, now),
      };
    case "reminder": {
      const minutes = Math.max(1, Math.round((m.scheduledDate.getTime() - now.getTime()) / 60_000));
      return { ...base, template: "meeting-reminder", data: { ...data, minutes } };
    }
  }
}

interface Outgoing {
  kind: Kind;
  to: Recipient;
  response: MeetingResponse | null;
}

async function queue(m: MailMeeting, mails: Outgoing[], options: { run?: SqlRunner; now?: Date } = {}): Promise<number> {
  const now = options.now ?? new Date();
  let queued = 0;
  for (const { kind, to, response } of mails) {
    if (to.deactivatedAt) continue;
    // The reminder's key makes a rerun of the same claim replace, not add, a pending mail.
    const jobKey = kind === "reminder" ? `meeting-reminder:${m.id}:${m.scheduledDate.toISOString()}:${to.id}` : undefined;
    await enqueue("mail.send", mailFor(kind, m, to, response, now), { run: options.run, jobKey });
    queued++;
  }
  if (queued) log.info({ meetingId: m.id, kinds: [...new Set(mails.map((x) => x.kind))], mails: queued }, "meeting mails queued");
  return queued;
}

const LIVE = new Set(["scheduled", "ongoing"]);

/** A new meeting: every invitee gets the invitation. */
async function mailCreated(meetingId: string): Promise<void> {
  if (!isMailConfigured()) return;
  const m = await loadMeeting(meetingId);
  if (!m || !LIVE.has(m.status)) return;
  await queue(
    m,
    m.participants.map((p) => ({ kind: "invitation" as const, to: p.student, response: p.response })),
  );
}

/**
 * An edit: students put on the list get the invitation, the others an update when the meeting
 * itself changed (declined ones too: a new date may change their answer), students taken off it a
 * cancellation of their copy.
 */
async function mailChanged(change: { meetingId: string; details: boolean; invited: string[]; uninvited: string[] }): Promise<void> {
  if (!isMailConfigured()) return;
  const m = await loadMeeting(change.meetingId);
  if (!m || !LIVE.has(m.status)) return;
  const invited = new Set(change.invited);
  const mails: Outgoing[] = [];
  for (const p of m.participants) {
    if (invited.has(p.studentId)) mails.push({ kind: "invitation", to: p.student, response: p.response });
    else if (change.details) mails.push({ kind: "update", to: p.student, response: p.response });
  }
  const current = new Set(m.participants.map((p) => p.studentId));
  const gone = change.uninvited.filter((id) => !current.has(id));
  if (gone.length) {
    const users = await db().user.findMany({ where: { id: { in: gone } }, select: recipientSelect, orderBy: { id: "asc" } });
    for (const u of users) mails.push({ kind: "removed", to: u, response: null });
  }
  await queue(m, mails);
}

/** A cancelled meeting: every current invitee gets the cancellation. */
async function mailCancelled(meetingId: string): Promise<void> {
  if (!isMailConfigured()) return;
  const m = await loadMeeting(meetingId);
  if (!m || m.status !== "cancelled") return;
  await queue(
    m,
    m.participants.map((p) => ({ kind: "cancelled" as const, to: p.student, response: p.response })),
  );
}

/**
 * Claims the scheduled meetings starting within 15 minutes that have no reminder for their
 * current start date, and queues one reminder per invitee who did not decline, in the claim's
 * transaction: the mails exist if and only if the claim committed, and a concurrent claim (another
 * node's tick, a rerun) finds the row and claims nothing. Returns how many meetings it claimed.
 */
export async function sendDueReminders(now = new Date()): Promise<number> {
  if (!isMailConfigured()) return 0;
  return sqlTransaction(async (run) => {
    const claimed = await run<{ meeting_id: string }>(
      `INSERT INTO meeting_reminders (meeting_id, scheduled_date, sent_at)
       SELECT id, scheduled_date, $1::timestamp FROM meetings
        WHERE status = 'scheduled' AND scheduled_date > $1::timestamp
          AND scheduled_date <= $1::timestamp + make_interval(mins => $2::int)
       ON CONFLICT (meeting_id) DO UPDATE SET scheduled_date = EXCLUDED.scheduled_date, sent_at = EXCLUDED.sent_at
        WHERE meeting_reminders.scheduled_date <> EXCLUDED.scheduled_date
       RETURNING meeting_id`,
      [now.toISOString(), REMINDER_MINUTES],
    );
    for (const { meeting_id } of claimed) {
      const m = await loadMeeting(meeting_id);
      if (!m) continue;
      const mails = m.participants
        .filter((p) => p.status !== "declined")
        .map((p) => ({ kind: "reminder" as const, to: p.student, response: p.response }));
      await queue(m, mails, { run, now });
    }
    return claimed.length;
  });
}

/** Registered by the composition root: the mails follow the meetings domain's events. */
export function registerMeetingMailListeners(): () => void {
  const stops = [
    subscribe("meetings.created", ({ meetingId }) => mailCreated(meetingId)),
    subscribe("meetings.changed", (change) => mailChanged(change)),
    subscribe("meetings.cancelled", ({ meetingId }) => mailCancelled(meetingId)),
  ];
  return () => stops.forEach((stop) => stop());
}

/** Registered by the composition root: the reminder tick, every minute on one node. */
export function registerMeetingMailJobs(): void {
  defineJob(
    "meetings.send_reminders",
    async () => {
      const meetings = await sendDueReminders();
      if (meetings) log.info({ meetings }, "meeting reminders claimed");
    },
    { maxAttempts: 2 },
  );
  scheduleJob("meetings.send_reminders", "* * * * *", {});
}
