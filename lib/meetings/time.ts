// Date-time picker values in the viewer's time zone. The app formats dates in the zone the
// browser reported (the m2g-tz cookie, see docs/ui.md), so the picker reads and writes in that
// same zone on the server and in the browser alike; undefined means the runtime's own zone.

const pad = (n: number) => String(n).padStart(2, "0");

/** The wall-clock parts of `date` in `timeZone`. */
function partsIn(date: Date, timeZone: string | undefined) {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(date);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return { year: get("year"), month: get("month"), day: get("day"), hour: get("hour"), minute: get("minute"), second: get("second") };
}

/** Minutes east of UTC of `timeZone` at the instant `date`. */
function offsetMinutes(date: Date, timeZone: string | undefined): number {
  const p = partsIn(date, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return Math.round((asUtc - Math.floor(date.getTime() / 1000) * 1000) / 60_000);
}

/** An instant as a `<input type="datetime-local">` value ("2030-11-02T11:00") in `timeZone`. */
export function toLocalInput(value: Date | string, timeZone?: string): string {
  const p = partsIn(new Date(value), timeZone);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}`;
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
  // The zone's offsets a day before and after: one of them applies. A wall time that happens
  // twice (clocks going back) is the first one; one that never happens (clocks going forward)
  // is read with the offset before the change, which lands just after the gap.
  const DAY = 86_400_000;
  const candidates = [offsetMinutes(new Date(wall - DAY), timeZone), offsetMinutes(new Date(wall + DAY), timeZone)].map(
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
