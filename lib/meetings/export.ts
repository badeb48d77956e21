// Downloads: the attendance report as CSV, meetings as iCalendar.
import { toCsv } from "@/lib/formats/csv";
import { slugify } from "@/lib/formats/filename";
import { toIcs, type IcsEvent } from "@/lib/formats/ics";
import type { attendanceReport, CalendarMeeting } from "./present";
import { meetingLink } from "./present";

type Report = ReturnType<typeof attendanceReport>;

export const ATTENDANCE_CSV_COLUMNS = [
  "student_id",
  "username",
  "name",
  "email",
  "status",
  "response",
  "first_joined_at",
  "last_left_at",
  "in_meeting",
  "attended_minutes",
  "percentage",
  "removed",
] as const;

export function attendanceCsv(report: Report): string {
  const rows = report.attendance.map((r) => [
    r.student_id,
    r.username,
    r.name,
    r.student_email,
    r.status,
    r.response,
    r.first_joined_at,
    r.last_left_at,
    r.in_meeting,
    r.attended_minutes,
    r.percentage,
    r.removed,
  ]);
  return toCsv([...ATTENDANCE_CSV_COLUMNS], rows, { bom: true });
}

export const attendanceFilename = (m: { title: string; id: string }) => `attendance-${slugify(m.title, m.id)}.csv`;
export const meetingIcsFilename = (m: { title: string; id: string }) => `meeting-${slugify(m.title, m.id)}.ics`;
export const CALENDAR_FILENAME = "mem2gether-meetings.ics";
export const PRODID = "-//Mem2gether//Meetings//EN";

/** One meeting as a VEVENT: the download, the feed and the mails (lib/meetings/mail.ts) share it. */
export function meetingEvent(m: CalendarMeeting, now: Date): IcsEvent {
  const link = meetingLink(m.meetingId);
  return {
    uid: m.meetingId,
    stamp: now,
    start: m.scheduledDate,
    end: new Date(m.scheduledDate.getTime() + m.duration * 60_000),
    summary: m.title,
    description: m.description ? `${m.description}\n\nJoin: ${link}` : `Join: ${link}`,
    location: link,
    url: link,
    status: m.status === "cancelled" ? "CANCELLED" : "CONFIRMED",
    sequence: m.sequence,
    organizer: { name: m.instructor.name, email: m.instructor.email },
    created: m.createdAt,
    lastModified: m.updatedAt,
  };
}

export function meetingIcs(m: CalendarMeeting, now: Date): string {
  return toIcs({ prodId: PRODID, events: [meetingEvent(m, now)] });
}

export function calendarIcs(meetings: CalendarMeeting[], now: Date): string {
  return toIcs({ prodId: PRODID, name: "Mem2gether meetings", events: meetings.map((m) => meetingEvent(m, now)) });
}
