// Date-time picker values in the viewer's time zone. The app formats dates in the zone the
// browser reported (the m2g-tz cookie, see docs/ui.md), so the picker reads and writes in that
// same zone on the server and in the browser alike; undefined means the runtime's own zone.

import { TZDate, tzOffset } from "@date-fns/tz";

const pad = (n: number) => String(n).padStart(2, "0");

/** An instant as a `<input type="datetime-local">` value ("2030-11-02T11:00") in `timeZone`. */
export function toLocalInput(value: Date | string, timeZone?: string): string {
  // A TZDate's getters read the wall clock of its zone; a plain Date's, the runtime's.
  const d = timeZone ? new TZDate(new Date(value), timeZone) : new Date(value);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/**
 * A datetime-local value read in `timeZone` -> the instant, or null when it is not a valid
 * "YYYY-MM-DDTHH:mm".
 */
export function fromLocalInput(value: string, timeZone?: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value.trim());
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1).map((v) => Number(v ?? 0)) as number[];
  const wall = Date.UTC(year!, month! - 1, day!, hour!, minute!, second!);
  const check = new Date(wall);
  if (check.getUTCMonth() !== month! - 1 || check.getUTCDate() !== day! || hour! > 23 || minute! > 59) return null;
  // Our rule, not TZDate's (it reads a repeated wall time as the later one): the zone's offsets a
  // day before and after, one of which applies. A wall time that happens twice (clocks going
  // back) is the first one; one that never happens (clocks going forward) is read with the
  // offset before the change, which lands just after the gap.
  const DAY = 86_400_000;
  const candidates = [tzOffset(timeZone, new Date(wall - DAY)), tzOffset(timeZone, new Date(wall + DAY))].map(
    (offset) => wall - offset * 60_000,
  );
  const matching = candidates.filter((c) => toLocalInput(new Date(c), timeZone) === toLocalInput(new Date(wall), "UTC"));
  return new Date(matching.length ? Math.min(...matching) : candidates[0]!);
}

/**
 * Starting more than this before the scheduled time asks the instructor to confirm; an actual
 * start this far from the plan (either way) shows the planned time beside it.
 */
export const EARLY_START_MINUTES = 15;

/** Minutes from `now` to the scheduled start (negative once it is past). */
export function minutesUntil(meeting: { scheduled_date: string }, now = Date.now()): number {
  return (new Date(meeting.scheduled_date).getTime() - now) / 60_000;
}

/** When a meeting is planned to end. */
export function plannedEnd(meeting: { scheduled_date: string; duration: number }): Date {
  return new Date(new Date(meeting.scheduled_date).getTime() + meeting.duration * 60_000);
}
