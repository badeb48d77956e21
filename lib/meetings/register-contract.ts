import { defineOperation } from "@/lib/openapi/operation";
import {
  CourseParams,
  CourseRegister,
  MyRegister,
  OverrideAnswer,
  OverrideBody,
  ParticipantParams,
  RegisterQuery,
} from "./register-schemas";

// The course register's operations (docs/meetings.md, "Course register"), part of
// `meetingsOperations` (lib/meetings/contract.ts).

const tags = ["meetings"];

export const courseRegisterOp = defineOperation({
  method: "GET",
  path: "/api/channels/{slug}/attendance",
  summary: "A course's register (its instructor; administrators may read it)",
  description:
    "The meetings linked to the course channel (`course` on POST/PUT /api/meetings), cancelled ones left out, by date, and one row per student invited to any of them. Each held session's cell is `present` (first joined at most 10 minutes after the start: the later of `scheduled_date` and `started_at`), `late` (later), `absent` (never joined; while a session runs, not joined yet) or an override by the meeting's owner (`excused`...), with the attended minutes. A session not held yet has `status: null`; a student not invited to a session has a `null` cell. `totals.percentage` = (present + late) / (present + late + absent), excused left out, over held sessions. `?format=csv` downloads the grid as CSV. 404 for a channel that is not a course.",
  tags,
  auth: "required",
  params: CourseParams,
  query: RegisterQuery,
  response: CourseRegister,
  errors: [403, 404],
  produces: "text/csv",
});

export const overrideCellOp = defineOperation({
  method: "PATCH",
  path: "/api/meetings/{id}/participants/{student_id}",
  summary: "Override a register cell (owner)",
  description:
    '`status`: `present`, `late`, `absent` or `excused` replaces the computed value in the course register (the measured attendance stays); `null` removes the override. `note` (at most 500 characters) goes with it; omitted, the current note stays; `""` removes it. A held (ongoing, completed) meeting takes any status, a scheduled one only `excused` (409 otherwise), a cancelled one none (409). 404 when the student is not an invitee.',
  tags,
  auth: "required",
  params: ParticipantParams,
  body: OverrideBody,
  response: OverrideAnswer,
  errors: [403, 404, 409],
});

export const myRegisterOp = defineOperation({
  method: "GET",
  path: "/api/meetings/my/register",
  summary: "My attendance record per course (students)",
  description:
    "For each course the caller was invited to a session of: those sessions (not cancelled), the caller's cells and totals, computed as in the course register.",
  tags,
  auth: "required",
  response: MyRegister,
});

export const registerOperations = [courseRegisterOp, overrideCellOp, myRegisterOp];
