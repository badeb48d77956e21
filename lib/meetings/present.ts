import type { Meeting, MeetingParticipant, Prisma } from "@prisma/client";
import { userSummary, userSummarySelect } from "@/lib/accounts/present";
import { env } from "@/lib/env.mjs";
import { jitsiRoomName } from "./jitsi";
import { attendanceBasis, attendancePercentage, attendedSeconds, isPresent, toMinutes, type AttendanceState } from "./attendance";
import type { AttendanceRow, MeetingJson } from "./schemas";
import { breakoutOf, presentBreakout, runningBreakouts } from "./breakout-view";
import { callLink } from "./call-link";

export const studentSelect = { ...userSummarySelect, email: true } as const;

/** Everything a view of a meeting needs; students' lists narrow `participants` to their own row. */
export const meetingInclude = {
  instructor: { select: { ...userSummarySelect, email: true } },
  course: { select: { slug: true, name: true } },
  participants: { include: { student: { select: studentSelect } }, orderBy: { student: { email: "asc" } } },
  breakouts: runningBreakouts,
} satisfies Prisma.MeetingInclude;

export type FullMeeting = Prisma.MeetingGetPayload<{ include: typeof meetingInclude }>;
export type FullParticipant = FullMeeting["participants"][number];
/** What a calendar entry needs: the meeting and its instructor. */
export type CalendarMeeting = Meeting & { instructor: { email: string; name: string } };

/** The plain link shown in views and calendars (the join answer adds a token: lib/meetings/jitsi.ts). */
export function meetingLink(meetingId: string): string {
  return callLink(jitsiRoomName(env().MEETING_LINK_PREFIX, meetingId));
}

export const attendanceState = (p: MeetingParticipant): AttendanceState => ({
  firstJoinedAt: p.firstJoinedAt,
  joinedAt: p.joinedAt,
  leftAt: p.leftAt,
  attendedSeconds: p.attendedSeconds,
});

const iso = (d: Date | null) => d?.toISOString() ?? null;

type BaseMeeting = Omit<MeetingJson, "participants" | "participant_status">;

type Instructor = Pick<FullMeeting["instructor"], "id" | "email" | "username" | "name" | "role" | "avatarUploadId">;

export function presentBase(m: Meeting & { instructor: Instructor; course: { slug: string; name: string } | null }): BaseMeeting {
  return {
    id: m.id,
    meeting_id: m.meetingId,
    title: m.title,
    description: m.description,
    instructor_id: m.instructorId,
    instructor_email: m.instructor.email,
    instructor: userSummary(m.instructor),
    scheduled_date: m.scheduledDate.toISOString(),
    duration: m.duration,
    meeting_link: meetingLink(m.meetingId),
    status: m.status,
    started_at: iso(m.startedAt),
    ended_at: iso(m.endedAt),
    created_at: m.createdAt.toISOString(),
    updated_at: m.updatedAt.toISOString(),
    room_id: m.roomId,
    course: m.course ? { slug: m.course.slug, name: m.course.name } : null,
  };
}

/** The owner's view: current invitees (not those removed) with their attendance as of `now`. */
export function instructorView(m: FullMeeting, now: Date): MeetingJson {
  return {
    ...presentBase(m),
    participants: m.participants
      .filter((p) => !p.removedAt)
      .map((p) => ({
        student_id: p.studentId,
        student_email: p.student.email,
        student: userSummary(p.student),
        status: p.status,
        joined_at: iso(p.joinedAt),
        left_at: iso(p.leftAt),
        attended_minutes: toMinutes(attendedSeconds(attendanceState(p), now)),
      })),
    // Only while the meeting runs: the seed's shape stays as it was before and after.
    ...(m.status === "ongoing" ? { breakouts: m.breakouts.map((b) => presentBreakout(m.meetingId, b)) } : {}),
  };
}

/** A student's view: their own status, attended minutes (as of `now`) and whether they are in it now. */
export function studentView(m: FullMeeting, studentId: string, now = new Date()): MeetingJson {
  const own = m.participants.find((p) => p.studentId === studentId);
  return {
    ...presentBase(m),
    participant_status: own?.status ?? "invited",
    attended_minutes: own ? toMinutes(attendedSeconds(attendanceState(own), now)) : 0,
    in_meeting: own ? isPresent(attendanceState(own)) : false,
    ...(m.status === "ongoing" ? { breakout: breakoutOf(m.meetingId, m.breakouts, studentId) } : {}),
  };
}

/** Attendance report rows: every participant ever invited who is still invited or who joined. */
export function attendanceReport(m: FullMeeting, now: Date) {
  const basis = attendanceBasis({ scheduledMinutes: m.duration, startedAt: m.startedAt, endedAt: m.endedAt });
  const rows: AttendanceRow[] = m.participants.map((p) => {
    const state = attendanceState(p);
    const seconds = attendedSeconds(state, now);
    return {
      student_id: p.studentId,
      username: p.student.username,
      name: p.student.name,
      student_email: p.student.email,
      status: p.status,
      response: p.response,
      first_joined_at: iso(p.firstJoinedAt),
      last_left_at: iso(p.leftAt),
      in_meeting: isPresent(state),
      attended_seconds: seconds,
      attended_minutes: toMinutes(seconds),
      percentage: attendancePercentage(seconds, basis.seconds),
      removed: p.removedAt !== null,
    };
  });
  return { meeting: presentBase(m), basis: basis.basis, basis_minutes: toMinutes(basis.seconds), attendance: rows };
}
