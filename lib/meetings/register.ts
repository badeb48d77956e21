import "server-only";
import type { Prisma } from "@prisma/client";
import { isAdministrator } from "@/lib/accounts/admins";
import { userSummary, userSummarySelect } from "@/lib/accounts/present";
import type { AuthUser } from "@/lib/accounts/service";
import { db } from "@/lib/db/prisma";
import { errors, type ErrorDetails } from "@/lib/http/errors";
import { isHeld, presentSession, registerCell, registerTotals, type CellFacts, type SessionFacts } from "./register-cells";
import {
  LATE_AFTER_MINUTES,
  type CourseRegisterJson,
  type MyCourseRecord,
  type OverrideInput,
  type RegisterCell,
  type RegisterRow,
} from "./register-schemas";

// The course register (CONTRACT.md section 11, docs/meetings.md "Course register"): meetings
// linked to a course channel are its sessions; each invitee's cell is computed from the
// attendance (lib/meetings/attendance.ts) unless the meeting's owner overrode it.

type Viewer = Pick<AuthUser, "id" | "role">;
type Tx = Prisma.TransactionClient;

/**
 * The course channel a meeting may name (`course` on POST/PUT /api/meetings): a course channel
 * the meeting's owner owns. Unknown or not a course: a field error in `details`; someone else's
 * course: 403. `null` unlinks; undefined leaves the link as it is.
 */
export async function resolveCourse(
  user: Viewer,
  slug: string | null | undefined,
  details: ErrorDetails,
  client: Tx = db(),
): Promise<string | null | undefined> {
  if (slug === undefined || slug === null) return slug;
  const channel = await client.channel.findUnique({ where: { slug }, select: { id: true, type: true, ownerId: true } });
  if (!channel) details.course = [`No course channel "${slug}"`];
  else if (channel.type !== "course") details.course = [`"${slug}" is not a course channel`];
  else if (channel.ownerId !== user.id) throw errors.forbidden("Meetings can only be linked to a course channel you own");
  return channel?.id;
}

const participantInclude = {
  student: { select: { ...userSummarySelect, email: true } },
  registerOverride: { select: { status: true, note: true } },
} satisfies Prisma.MeetingParticipantInclude;

type RegisterParticipant = Prisma.MeetingParticipantGetPayload<{ include: typeof participantInclude }>;

const cellFacts = (p: RegisterParticipant): CellFacts => ({
  firstJoinedAt: p.firstJoinedAt,
  joinedAt: p.joinedAt,
  leftAt: p.leftAt,
  attendedSeconds: p.attendedSeconds,
  override: p.registerOverride,
});

async function loadCourse(slug: string) {
  const channel = await db().channel.findUnique({
    where: { slug },
    select: { id: true, slug: true, name: true, type: true, ownerId: true },
  });
  if (!channel || channel.type !== "course") throw errors.notFound("Course channel");
  return channel;
}

/** The course's instructor (the channel's owner), or an administrator (read only). */
async function requireRegisterReader(ownerId: string | null, user: Viewer): Promise<void> {
  if (ownerId === user.id) return;
  const who = await db().user.findUnique({ where: { id: user.id }, select: { email: true, isAdmin: true, deactivatedAt: true } });
  if (!who || !isAdministrator(who)) throw errors.forbidden("Only the course's instructor can see its register");
}

/**
 * The grid: one row per student invited to any session (removed invitees who had joined keep
 * their cells), one column per session that is not cancelled, by scheduled date.
 */
export async function courseRegister(slug: string, user: Viewer, now = new Date()): Promise<CourseRegisterJson> {
  const channel = await loadCourse(slug);
  await requireRegisterReader(channel.ownerId, user);
  const meetings = await db().meeting.findMany({
    where: { courseId: channel.id, status: { not: "cancelled" } },
    include: { participants: { include: participantInclude } },
    orderBy: [{ scheduledDate: "asc" }, { id: "asc" }],
  });
  const sessions = meetings.map(presentSession);
  const rows = new Map<string, { p: RegisterParticipant; cells: (RegisterCell | null)[] }>();
  meetings.forEach((m, i) => {
    for (const p of m.participants) {
      let row = rows.get(p.studentId);
      if (!row) rows.set(p.studentId, (row = { p, cells: sessions.map(() => null) }));
      row.cells[i] = registerCell(m, cellFacts(p), now);
    }
  });
  const students: RegisterRow[] = [...rows.values()]
    .map(({ p, cells }) => ({
      student: userSummary(p.student),
      student_email: p.student.email,
      cells,
      totals: registerTotals(sessions, cells),
    }))
    .sort((a, b) => a.student.name.localeCompare(b.student.name) || a.student.username.localeCompare(b.student.username));
  return {
    course: { id: channel.id, slug: channel.slug, name: channel.name },
    late_after_minutes: LATE_AFTER_MINUTES,
    sessions,
    students,
  };
}

/** A student's own record: each course they were invited to a session of, with their cells. */
export async function myRegister(user: Viewer, now = new Date()): Promise<{ late_after_minutes: number; courses: MyCourseRecord[] }> {
  const rows = await db().meetingParticipant.findMany({
    where: { studentId: user.id, meeting: { courseId: { not: null }, status: { not: "cancelled" } } },
    include: {
      ...participantInclude,
      meeting: { include: { course: { select: { id: true, slug: true, name: true } } } },
    },
    orderBy: [{ meeting: { scheduledDate: "asc" } }, { meetingId: "asc" }],
  });
  const courses = new Map<string, { course: MyCourseRecord["course"]; meetings: SessionFacts[]; cells: RegisterCell[] }>();
  for (const p of rows) {
    const course = p.meeting.course;
    if (!course) continue;
    let entry = courses.get(course.id);
    if (!entry) courses.set(course.id, (entry = { course, meetings: [], cells: [] }));
    entry.meetings.push(p.meeting);
    entry.cells.push(registerCell(p.meeting, cellFacts(p), now));
  }
  return {
    late_after_minutes: LATE_AFTER_MINUTES,
    courses: [...courses.values()]
      .map(({ course, meetings, cells }) => {
        const sessions = meetings.map(presentSession);
        return { course, sessions, cells, totals: registerTotals(sessions, cells) };
      })
      .sort((a, b) => a.course.name.localeCompare(b.course.name)),
  };
}

/**
 * The meeting's owner sets (or with `status: null` removes) the register value of one invitee.
 * Held sessions take any value; a scheduled one only `excused` (an absence announced ahead);
 * a cancelled one nothing. The measured attendance is never touched.
 */
export async function overrideCell(
  meetingId: string,
  studentId: string,
  user: Viewer,
  input: OverrideInput,
  now = new Date(),
): Promise<{ meeting_id: string; student_id: string; cell: RegisterCell }> {
  return db().$transaction(async (tx) => {
    // The meeting's row locked, as every meeting change does (lib/meetings/service.ts).
    const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM meetings WHERE id = ${meetingId} FOR UPDATE`;
    if (!locked.length) throw errors.notFound("Meeting");
    const m = await tx.meeting.findUniqueOrThrow({ where: { id: meetingId } });
    if (m.instructorId !== user.id) throw errors.forbidden("Only the instructor who created this meeting can change its register");
    const p = await tx.meetingParticipant.findUnique({
      where: { meetingId_studentId: { meetingId, studentId } },
      include: participantInclude,
    });
    if (!p) throw errors.notFound("Invitee");
    if (input.status === null && input.note) {
      throw errors.validation({ note: ["A note goes with a status: send status to keep one"] }, "Some fields are not valid");
    }
    if (m.status === "cancelled") throw errors.conflict("This meeting was cancelled: it has no register");
    if (!isHeld(m) && input.status !== null && input.status !== "excused") {
      throw errors.conflict("This meeting has not been held yet: only an excuse can be recorded ahead");
    }
    if (input.status === null) {
      await tx.registerOverride.deleteMany({ where: { participantId: p.id } });
    } else {
      // An omitted note keeps the one there is; "" removes it.
      await tx.registerOverride.upsert({
        where: { participantId: p.id },
        create: { participantId: p.id, status: input.status, note: input.note ?? "" },
        update: { status: input.status, ...(input.note !== undefined ? { note: input.note } : {}) },
      });
    }
    const fresh = await tx.meetingParticipant.findUniqueOrThrow({ where: { id: p.id }, include: participantInclude });
    return { meeting_id: m.id, student_id: studentId, cell: registerCell(m, cellFacts(fresh), now) };
  });
}

/** The course channels an instructor owns (the meeting form's course picker, the register's switcher). */
export async function ownedCourses(userId: string): Promise<{ slug: string; name: string }[]> {
  return db().channel.findMany({
    where: { ownerId: userId, type: "course" },
    select: { slug: true, name: true },
    orderBy: { name: "asc" },
    take: 200,
  });
}
