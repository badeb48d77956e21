// The course register's arithmetic, pure (no database, no clock of its own): what a cell says
// for one invitee of one meeting, and a student's totals. docs/meetings.md, "Course register".
import type { MeetingStatus } from "@prisma/client";
import { attendedSeconds, toMinutes, type AttendanceState } from "./attendance";
import { LATE_AFTER_MINUTES, type RegisterCell, type RegisterSession, type RegisterStatus, type RegisterTotals } from "./register-schemas";

export interface SessionFacts {
  id: string;
  title: string;
  scheduledDate: Date;
  duration: number;
  status: MeetingStatus;
  startedAt: Date | null;
  endedAt: Date | null;
}

export interface CellFacts extends AttendanceState {
  override: { status: RegisterStatus; note: string } | null;
}

/** Only sessions that took place (or are taking place) count. */
export const isHeld = (s: Pick<SessionFacts, "status">) => s.status === "ongoing" || s.status === "completed";

/**
 * Lateness is measured from the later of the scheduled time and the actual start: an instructor
 * who starts ten minutes late does not make the whole class late, and joining a meeting started
 * early before its scheduled time is on time.
 */
export function sessionStart(s: Pick<SessionFacts, "scheduledDate" | "startedAt">): Date | null {
  if (!s.startedAt) return null;
  return s.startedAt.getTime() > s.scheduledDate.getTime() ? s.startedAt : s.scheduledDate;
}

const iso = (d: Date | null) => d?.toISOString() ?? null;

export function presentSession(s: SessionFacts): RegisterSession {
  return {
    id: s.id,
    title: s.title,
    scheduled_date: s.scheduledDate.toISOString(),
    duration: s.duration,
    status: s.status,
    started_at: iso(s.startedAt),
    ended_at: iso(s.endedAt),
    start: iso(sessionStart(s)),
    held: isHeld(s),
  };
}

/**
 * The measured value of a held session: first joined within LATE_AFTER_MINUTES of the start
 * `present`, later `late`, never `absent` (while the session runs, "not here yet").
 */
export function computedStatus(s: SessionFacts, p: AttendanceState): RegisterStatus | null {
  if (!isHeld(s)) return null;
  if (!p.firstJoinedAt) return "absent";
  const start = sessionStart(s) ?? s.scheduledDate;
  return p.firstJoinedAt.getTime() - start.getTime() > LATE_AFTER_MINUTES * 60_000 ? "late" : "present";
}

export function registerCell(s: SessionFacts, p: CellFacts, now: Date): RegisterCell {
  const computed = computedStatus(s, p);
  const start = sessionStart(s);
  return {
    meeting_id: s.id,
    status: p.override?.status ?? computed,
    computed_status: computed,
    overridden: p.override !== null,
    note: p.override?.note || null,
    minutes: toMinutes(attendedSeconds(p, now)),
    joined_at: iso(p.firstJoinedAt),
    minutes_late: start && p.firstJoinedAt ? Math.round(((p.firstJoinedAt.getTime() - start.getTime()) / 60_000) * 10) / 10 : null,
  };
}

/**
 * Counts over the held sessions a student was invited to (`cells` in the order of `sessions`;
 * an excuse given ahead of a session counts once it is held). The percentage is present + late
 * over present + late + absent (excused sessions are left out of both), one decimal.
 */
export function registerTotals(sessions: Pick<RegisterSession, "held">[], cells: (Pick<RegisterCell, "status"> | null)[]): RegisterTotals {
  const totals = { present: 0, late: 0, absent: 0, excused: 0 };
  cells.forEach((c, i) => {
    if (c?.status && sessions[i]?.held) totals[c.status] += 1;
  });
  const counted = totals.present + totals.late + totals.absent;
  const percentage = counted ? Math.round(((totals.present + totals.late) / counted) * 1000) / 10 : null;
  return { ...totals, counted, percentage };
}
