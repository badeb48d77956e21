// The course register's shapes (docs/meetings.md, "Course register"), shared by route handlers,
// the OpenAPI document and the browser: no server-only imports.
import { z } from "zod";
import { UserSummary } from "@/lib/accounts/schemas";
import { MeetingStatus } from "./schemas";

export const REGISTER_STATUSES = ["present", "late", "absent", "excused"] as const;
export const RegisterStatus = z.enum(REGISTER_STATUSES);
export type RegisterStatus = z.infer<typeof RegisterStatus>;

/** Joining more than this many minutes after the start is `late` (CONTRACT.md section 11). */
export const LATE_AFTER_MINUTES = 10;
export const REGISTER_NOTE_MAX = 500;

export const RegisterCell = z.object({
  meeting_id: z.string(),
  /** What the register shows: the override if there is one, else the computed value; null until the session is held. */
  status: RegisterStatus.nullable(),
  /** From the attendance (joins, leaves, call presence); null until the session is held. */
  computed_status: RegisterStatus.nullable(),
  overridden: z.boolean(),
  /** The override's note (null without one). */
  note: z.string().nullable(),
  /** Attended minutes, as measured (an override does not change them). */
  minutes: z.number(),
  /** The first join. */
  joined_at: z.string().nullable(),
  /** Minutes after the session's start the student first joined (negative when early), null if never. */
  minutes_late: z.number().nullable(),
});
export type RegisterCell = z.infer<typeof RegisterCell>;

export const RegisterSession = z.object({
  id: z.string(),
  title: z.string(),
  scheduled_date: z.string(),
  duration: z.number(),
  status: MeetingStatus,
  started_at: z.string().nullable(),
  ended_at: z.string().nullable(),
  /** What lateness is measured from: the later of `scheduled_date` and `started_at` (null until started). */
  start: z.string().nullable(),
  /** Held (ongoing or completed): only these count. */
  held: z.boolean(),
});
export type RegisterSession = z.infer<typeof RegisterSession>;

export const RegisterTotals = z.object({
  present: z.number(),
  late: z.number(),
  absent: z.number(),
  excused: z.number(),
  /** Held sessions counted in the percentage: present + late + absent. */
  counted: z.number(),
  /** (present + late) / counted, in percent with one decimal; null when nothing counted yet. */
  percentage: z.number().nullable(),
});
export type RegisterTotals = z.infer<typeof RegisterTotals>;

export const RegisterRow = z.object({
  student: UserSummary,
  student_email: z.string(),
  /** One per session, in the order of `sessions`; null where the student was not invited. */
  cells: z.array(RegisterCell.nullable()),
  totals: RegisterTotals,
});
export type RegisterRow = z.infer<typeof RegisterRow>;

export const RegisterCourse = z.object({ id: z.string(), slug: z.string(), name: z.string() });

export const CourseRegister = z.object({
  course: RegisterCourse,
  late_after_minutes: z.number(),
  /** The course's meetings except cancelled ones, by scheduled date. */
  sessions: z.array(RegisterSession),
  /** Every student invited to one of the sessions, by name. */
  students: z.array(RegisterRow),
});
export type CourseRegisterJson = z.infer<typeof CourseRegister>;

/** A student's own record: per course, their sessions (those they were invited to) and cells. */
export const MyCourseRecord = z.object({
  course: RegisterCourse,
  sessions: z.array(RegisterSession),
  cells: z.array(RegisterCell),
  totals: RegisterTotals,
});
export type MyCourseRecord = z.infer<typeof MyCourseRecord>;
export const MyRegister = z.object({ late_after_minutes: z.number(), courses: z.array(MyCourseRecord) });

export const CourseParams = z.object({ slug: z.string().min(1).max(100) });
export const RegisterQuery = z.object({ format: z.enum(["json", "csv"]).default("json") });
export const ParticipantParams = z.object({ id: z.string().min(1).max(64), student_id: z.string().min(1).max(64) });

/** `status: null` removes the override (the computed value shows again). */
export const OverrideBody = z
  .object({
    status: z.enum(REGISTER_STATUSES, { error: 'Must be "present", "late", "absent", "excused" or null' }).nullable(),
    note: z.string({ error: "Must be text" }).trim().max(REGISTER_NOTE_MAX, `Must be at most ${REGISTER_NOTE_MAX} characters`).optional(),
  })
  .strict();
export type OverrideInput = z.output<typeof OverrideBody>;
export const OverrideAnswer = z.object({ meeting_id: z.string(), student_id: z.string(), cell: RegisterCell });
