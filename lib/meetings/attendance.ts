// Attendance arithmetic, pure: every function takes the time it works at, so unit tests drive it
// with a fake clock and the service passes the real one. A participant's attendance is the sum of
// its closed intervals (`attendedSeconds`) plus the open one (`joinedAt` set, `leftAt` null).

export interface AttendanceState {
  firstJoinedAt: Date | null;
  /** Latest join. */
  joinedAt: Date | null;
  /** Latest leave; null while present. */
  leftAt: Date | null;
  /** Whole seconds of the closed intervals. */
  attendedSeconds: number;
}

export const NOT_JOINED: AttendanceState = { firstJoinedAt: null, joinedAt: null, leftAt: null, attendedSeconds: 0 };

export function isPresent(s: AttendanceState): boolean {
  return s.joinedAt !== null && s.leftAt === null;
}

const secondsBetween = (from: Date, to: Date) => Math.max(0, Math.round((to.getTime() - from.getTime()) / 1000));

/** Open an interval at `now`; joining while present changes nothing (a second tab, a retry). */
export function applyJoin(s: AttendanceState, now: Date): AttendanceState {
  if (isPresent(s)) return s;
  return { ...s, firstJoinedAt: s.firstJoinedAt ?? now, joinedAt: now, leftAt: null };
}

/** Close the open interval at `at` (a leave, the meeting's end, a removal); no-op when absent. */
export function applyLeave(s: AttendanceState, at: Date): AttendanceState {
  if (!isPresent(s)) return s;
  return { ...s, leftAt: at, attendedSeconds: s.attendedSeconds + secondsBetween(s.joinedAt!, at) };
}

/** An embedded call reports presence at least this often; a gap longer than the grace is a leave. */
export const CALL_HEARTBEAT_MS = 30_000;
export const CALL_GRACE_MS = 90_000;

/** Whether an interval kept by call heartbeats ended at its last beat (no beat within the grace). */
export function heartbeatLapsed(lastBeat: Date | null, now: Date): boolean {
  return lastBeat !== null && now.getTime() - lastBeat.getTime() > CALL_GRACE_MS;
}

/**
 * A heartbeat of the embedded call (in the call at `now`): opens an interval, or keeps the open
 * one; an open interval whose last beat lapsed closed at that beat, and a new one opens now.
 */
export function applyHeartbeat(s: AttendanceState, lastBeat: Date | null, now: Date): AttendanceState {
  const settled = isPresent(s) && heartbeatLapsed(lastBeat, now) ? applyLeave(s, lastBeat!) : s;
  return applyJoin(settled, now);
}

/** Where an open interval ends when it is closed at `now`: its last beat if that lapsed. */
export function leaveTime(lastBeat: Date | null, now: Date): Date {
  return heartbeatLapsed(lastBeat, now) ? lastBeat! : now;
}

/** Seconds attended as of `now`, the open interval included. */
export function attendedSeconds(s: AttendanceState, now: Date): number {
  return isPresent(s) ? s.attendedSeconds + secondsBetween(s.joinedAt!, now) : s.attendedSeconds;
}

export const toMinutes = (seconds: number) => Math.round((seconds / 60) * 10) / 10;

export interface MeetingSpan {
  scheduledMinutes: number;
  startedAt: Date | null;
  endedAt: Date | null;
}

export type AttendanceBasis = "actual" | "scheduled";

/**
 * What a percentage is a percentage of: the actual started->ended span once the meeting ended,
 * the scheduled duration before that (not started, or still running).
 */
export function attendanceBasis(m: MeetingSpan): { basis: AttendanceBasis; seconds: number } {
  if (m.startedAt && m.endedAt) return { basis: "actual", seconds: secondsBetween(m.startedAt, m.endedAt) };
  return { basis: "scheduled", seconds: m.scheduledMinutes * 60 };
}

/** One decimal, capped at 100 (someone in a meeting that overran its scheduled duration). */
export function attendancePercentage(attended: number, basisSeconds: number): number {
  if (basisSeconds <= 0) return 0;
  return Math.min(100, Math.round((attended / basisSeconds) * 1000) / 10);
}
