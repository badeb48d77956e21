// Shared by route handlers, the OpenAPI document and the browser forms: no server-only imports.
import { z } from "zod";
import { UserSummary } from "@/lib/accounts/schemas";
import { Breakout, OwnBreakout } from "./breakout-schemas";

export const MEETING_STATUSES = ["scheduled", "ongoing", "completed", "cancelled"] as const;
export const PARTICIPANT_STATUSES = ["invited", "accepted", "declined", "attended", "absent"] as const;
export const MAX_DURATION_MINUTES = 24 * 60;
export const MAX_INVITEES = 500;
/** How far in the past a new scheduled_date may be: "now" typed a minute ago is still now. */
export const PAST_GRACE_MINUTES = 5;
/** How far ahead a meeting may be scheduled. */
export const MAX_SCHEDULE_AHEAD_DAYS = 2 * 366;

export const MeetingStatus = z.enum(MEETING_STATUSES);
export const ParticipantStatus = z.enum(PARTICIPANT_STATUSES);

/**
 * ISO 8601 date and time. Without an offset (the seed's "2025-11-01T14:00:00") it is read as
 * UTC, the contract's timezone. Whether it is in the future is a rule of the service.
 */
export const ScheduledDate = z
  .string({ error: "Required: an ISO 8601 date and time, e.g. 2030-11-01T14:00:00Z" })
  .trim()
  .pipe(z.iso.datetime({ offset: true, local: true, error: "Must be an ISO 8601 date and time, e.g. 2030-11-01T14:00:00Z" }))
  .transform((s) => new Date(/(Z|[+-]\d{2}:?\d{2})$/i.test(s) ? s : `${s}Z`));

export const Duration = z
  .number({ error: "Required: a whole number of minutes" })
  .int("Must be a whole number of minutes")
  .min(1, "Must be at least 1 minute")
  .max(MAX_DURATION_MINUTES, `Must be at most ${MAX_DURATION_MINUTES} minutes (24 hours)`);

export const Title = z.string({ error: "Required" }).trim().min(1, "Must not be empty").max(200, "Must be at most 200 characters");
export const Description = z.string().trim().max(5000, "Must be at most 5000 characters");

/**
 * Student ids (the service ignores duplicates, after checking each one so problems keep the
 * index the client sent). An empty list is allowed: students can be invited later.
 */
export const StudentIds = z
  .array(z.string().min(1, "Must not be empty").max(64, "Not a valid user id"), { error: "Must be a list of user ids" })
  .max(MAX_INVITEES, `At most ${MAX_INVITEES} students`);

/** `course` on POST/PUT: the slug of a course channel the instructor owns (docs/meetings.md, "Course register"). */
export const CourseSlug = z
  .string({ error: "Must be the slug of a course channel you own" })
  .trim()
  .min(1, "Must not be empty")
  .max(100, "Must be at most 100 characters");
/** The course a meeting is a session of, in the meeting JSON. */
export const MeetingCourse = z.object({ slug: z.string(), name: z.string() });

export const CreateMeetingBody = z.object({
  title: Title,
  description: Description.optional(),
  scheduled_date: ScheduledDate,
  duration: Duration,
  student_ids: StudentIds.default([]),
  /** A course channel the instructor owns: the meeting becomes a session of its register. */
  course: CourseSlug.nullable().optional(),
});
export type CreateMeetingInput = z.output<typeof CreateMeetingBody>;

export const UpdateMeetingBody = z
  .object({
    title: Title.optional(),
    description: Description.optional(),
    scheduled_date: ScheduledDate.optional(),
    duration: Duration.optional(),
    student_ids: StudentIds.optional(),
    /** `null` unlinks the meeting from its course. */
    course: CourseSlug.nullable().optional(),
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined), {
    message: "Give at least one of title, description, scheduled_date, duration, student_ids, course",
    path: ["body"],
  });
export type UpdateMeetingInput = z.output<typeof UpdateMeetingBody>;

export const RespondBody = z.object({
  action: z.enum(["accept", "decline"], { error: 'Must be "accept" or "decline"' }),
});

export const MeetingIdParams = z.object({ id: z.string().min(1).max(64) });

export const MeetingListQuery = z.object({
  status: MeetingStatus.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  /** The `next_cursor` of the previous page. */
  after: z.string().max(200).optional(),
});
export type MeetingListQuery = z.output<typeof MeetingListQuery>;

export const AttendanceQuery = z.object({ format: z.enum(["json", "csv"]).default("json") });

export const Participant = z.object({
  student_id: z.string(),
  student_email: z.string(),
  /** The contract's user summary (name and username for the dashboard). */
  student: UserSummary,
  status: ParticipantStatus,
  joined_at: z.string().nullable(),
  left_at: z.string().nullable(),
  attended_minutes: z.number(),
});

export const Meeting = z.object({
  id: z.string(),
  meeting_id: z.string(),
  title: z.string(),
  description: z.string(),
  instructor_id: z.string(),
  instructor_email: z.string(),
  /** The contract's user summary of the instructor (a name to show). */
  instructor: UserSummary,
  scheduled_date: z.string(),
  duration: z.number(),
  meeting_link: z.string(),
  status: MeetingStatus,
  started_at: z.string().nullable(),
  ended_at: z.string().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
  room_id: z.string().nullable(),
  /** The course channel this meeting is a session of (its register), null when none. */
  course: MeetingCourse.nullable(),
  /** The instructor's view. */
  participants: z.array(Participant).optional(),
  /** A student's view. */
  participant_status: ParticipantStatus.optional(),
  /** A student's view: their own attended minutes. */
  attended_minutes: z.number().optional(),
  /** A student's view: in the meeting right now (joined, not left). */
  in_meeting: z.boolean().optional(),
  /** The instructor's view of an ongoing meeting: the breakout groups running now (lib/meetings/breakouts.ts). */
  breakouts: z.array(Breakout).optional(),
  /** A student's view of an ongoing meeting: the breakout group they are sent to right now, or null. */
  breakout: OwnBreakout.nullable().optional(),
});
export type MeetingJson = z.infer<typeof Meeting>;

export const AttendanceRow = z.object({
  student_id: z.string(),
  username: z.string(),
  name: z.string(),
  student_email: z.string(),
  status: ParticipantStatus,
  response: z.enum(["accept", "decline"]).nullable(),
  first_joined_at: z.string().nullable(),
  last_left_at: z.string().nullable(),
  in_meeting: z.boolean(),
  attended_seconds: z.number(),
  attended_minutes: z.number(),
  percentage: z.number(),
  removed: z.boolean(),
});
export type AttendanceRow = z.infer<typeof AttendanceRow>;

export const Attendance = z.object({
  meeting: Meeting.omit({ participants: true, participant_status: true }),
  basis: z.enum(["actual", "scheduled"]),
  basis_minutes: z.number(),
  attendance: z.array(AttendanceRow),
});

/** What a meeting's companion room page shows about its meeting (lib/meetings/room.ts). */
export interface RoomMeeting {
  id: string;
  title: string;
  status: z.infer<typeof MeetingStatus>;
  meeting_link: string;
  /** The instructor who runs it (manages it from the dashboard). */
  is_owner: boolean;
  /** A student who joined the call and has not left it ("Leave the meeting"). */
  in_meeting: boolean;
}
