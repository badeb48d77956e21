import { z } from "zod";
import { defineOperation } from "@/lib/openapi/operation";
import {
  Attendance,
  AttendanceQuery,
  CreateMeetingBody,
  Meeting,
  MeetingIdParams,
  MeetingListQuery,
  RespondBody,
  UpdateMeetingBody,
} from "./schemas";
import { registerOperations } from "./register-contract";

const tags = ["meetings"];
const params = MeetingIdParams;
const one = z.object({ meeting: Meeting });
const page = z.object({ meetings: z.array(Meeting), next_cursor: z.string().nullable() });

export const listMeetingsOp = defineOperation({
  method: "GET",
  path: "/api/meetings",
  summary: "My meetings",
  description:
    "An instructor: the meetings they created (with `participants`); a student: the meetings they are invited to (with `participant_status`). Ordered by `scheduled_date`.",
  tags,
  auth: "required",
  query: MeetingListQuery,
  response: page,
});

export const createMeetingOp = defineOperation({
  method: "POST",
  path: "/api/meetings",
  summary: "Create a meeting (instructors)",
  description:
    "`scheduled_date`: ISO 8601, read as UTC without an offset; not more than 5 minutes in the past, within two years. `duration`: 1..1440 minutes. `student_ids`: existing students, may be empty or omitted.",
  tags,
  auth: "required",
  body: CreateMeetingBody,
  response: one,
  status: 201,
  errors: [403],
});

export const getMeetingOp = defineOperation({
  method: "GET",
  path: "/api/meetings/{id}",
  summary: "A meeting (owner or invitee)",
  tags,
  auth: "required",
  params,
  response: one,
  errors: [403, 404],
});

export const updateMeetingOp = defineOperation({
  method: "PUT",
  path: "/api/meetings/{id}",
  summary: "Change a meeting (owner)",
  description:
    "Any subset of the fields. `student_ids` replaces the invitee list: new ids are invited, missing ones dropped (those who already joined keep their attendance and lose access). 409 once completed or cancelled.",
  tags,
  auth: "required",
  params,
  body: UpdateMeetingBody,
  response: one,
  errors: [403, 404, 409],
});

export const cancelMeetingOp = defineOperation({
  method: "DELETE",
  path: "/api/meetings/{id}",
  summary: "Cancel a meeting (owner)",
  description: "Soft delete: status `cancelled`. Only a scheduled meeting; an ongoing one is ended instead (409).",
  tags,
  auth: "required",
  params,
  response: one,
  errors: [403, 404, 409],
});

export const startMeetingOp = defineOperation({
  method: "POST",
  path: "/api/meetings/{id}/start",
  summary: "Start a meeting (owner)",
  description: "scheduled -> ongoing, `started_at` set. 409 from any other status.",
  tags,
  auth: "required",
  params,
  response: one,
  errors: [403, 404, 409],
});

export const endMeetingOp = defineOperation({
  method: "POST",
  path: "/api/meetings/{id}/end",
  summary: "End a meeting (owner)",
  description:
    "ongoing -> completed, `ended_at` set; students still in the meeting leave at `ended_at`, invitees who never joined become `absent`. 409 from any other status.",
  tags,
  auth: "required",
  params,
  response: one,
  errors: [403, 404, 409],
});

export const joinMeetingOp = defineOperation({
  method: "POST",
  path: "/api/meetings/{id}/join",
  summary: "Join a meeting (owner or invitee)",
  description: "Only while `ongoing` (409 otherwise). An invitee becomes `attended`; joining again while in changes nothing.",
  tags,
  auth: "required",
  params,
  response: z.object({ meeting_link: z.string(), meeting: Meeting }),
  errors: [403, 404, 409],
});

export const callPresenceOp = defineOperation({
  method: "POST",
  path: "/api/meetings/{id}/presence",
  summary: "The embedded call's presence heartbeat",
  description:
    "Sent by `/meetings/:id/call` while the call reports the user joined, at least every 30 s (`in_call: true`), and once with `in_call: false` when they leave it. For an invitee, the first beat opens an attendance interval (as joining does), later beats keep it; more than 90 s without a beat closes it at the last beat (a background job every minute, or the next beat). The owner's beats count nothing. Only while `ongoing` (409 otherwise).",
  tags,
  auth: "required",
  params,
  body: z.object({ in_call: z.boolean() }).strict(),
  response: z.object({ in_call: z.boolean() }),
  errors: [403, 404, 409],
});

export const leaveMeetingOp = defineOperation({
  method: "POST",
  path: "/api/meetings/{id}/leave",
  summary: "Leave a meeting (invitee)",
  description: "Closes the open interval; attended minutes add up over several joins. 409 when not in the meeting.",
  tags,
  auth: "required",
  params,
  response: one,
  errors: [403, 404, 409],
});

export const respondMeetingOp = defineOperation({
  method: "POST",
  path: "/api/meetings/{id}/respond",
  summary: "Accept or decline an invitation (invitee)",
  description: "Until the meeting is over; 409 once completed or cancelled, or after joining.",
  tags,
  auth: "required",
  params,
  body: RespondBody,
  response: one,
  errors: [403, 404, 409],
});

export const listInvitationsOp = defineOperation({
  method: "GET",
  path: "/api/meetings/my/invitations",
  summary: "My invitations (students)",
  description: "The same list as GET /api/meetings/ for a student, with `participant_status`. Instructors get 403.",
  tags,
  auth: "required",
  query: MeetingListQuery,
  response: page,
  errors: [403],
});

export const attendanceOp = defineOperation({
  method: "GET",
  path: "/api/meetings/{id}/attendance",
  summary: "Attendance report (owner)",
  description:
    "One row per participant (those removed after joining included, `removed: true`). `percentage` is of the actual started->ended span once ended (`basis: actual`), else of the scheduled duration (`basis: scheduled`). `?format=csv` downloads it as CSV.",
  tags,
  auth: "required",
  params,
  query: AttendanceQuery,
  response: Attendance,
  errors: [403, 404],
  produces: "text/csv",
});

export const meetingIcsOp = defineOperation({
  method: "GET",
  path: "/api/meetings/{id}/ics",
  summary: "The meeting as an iCalendar file (owner or invitee)",
  tags,
  auth: "required",
  params,
  errors: [403, 404],
  produces: "text/calendar",
});

export const myCalendarOp = defineOperation({
  method: "GET",
  path: "/api/meetings/my/calendar.ics",
  summary: "My upcoming meetings as one iCalendar file",
  description: "Scheduled and ongoing meetings: an instructor's own, a student's invitations not declined.",
  tags,
  auth: "required",
  produces: "text/calendar",
});

export const calendarLinkOp = defineOperation({
  method: "POST",
  path: "/api/meetings/my/calendar-link",
  summary: "A new secret address for my meetings feed",
  description:
    "`url` answers my meetings (from 90 days back; cancelled ones marked CANCELLED) as an iCalendar feed without any other credential, for a calendar app to subscribe to. Each call makes a new address: the previous one answers 404 from then on. Keep it secret like a password.",
  tags,
  auth: "required",
  response: z.object({ url: z.string() }),
});

export const calendarFeedOp = defineOperation({
  method: "GET",
  path: "/api/calendar/{file}",
  summary: "A calendar feed by its secret address",
  description: "The address from `POST /api/meetings/my/calendar-link` (`<secret>.ics`); an old, unknown or malformed one answers 404.",
  tags,
  auth: "none",
  params: z.object({ file: z.string().max(100) }),
  produces: "text/calendar",
  errors: [404],
});

export const meetingsOperations = [
  calendarLinkOp,
  calendarFeedOp,
  listMeetingsOp,
  createMeetingOp,
  getMeetingOp,
  updateMeetingOp,
  cancelMeetingOp,
  startMeetingOp,
  endMeetingOp,
  joinMeetingOp,
  callPresenceOp,
  leaveMeetingOp,
  respondMeetingOp,
  listInvitationsOp,
  attendanceOp,
  meetingIcsOp,
  myCalendarOp,
  ...registerOperations,
];
