// What the meetings pages show about a meeting, for server and client components alike (no
// hooks: pass the I18n of getI18n() or useI18n()).
import type { MeetingJson } from "@/lib/meetings/schemas";
import { EARLY_START_MINUTES } from "@/lib/meetings/time";
import type { I18n, Translate } from "@/lib/i18n/translate";
import type { ApiResult } from "@/lib/client/api";
import { Badge, type BadgeTone } from "@/components/ui/Badge";
import { cx } from "@/lib/ui/cx";
import Link from "next/link";
import { apiErrorText } from "@/lib/client/error-text";

export type MeetingStatus = MeetingJson["status"];
export type ParticipantStatus = NonNullable<MeetingJson["participant_status"]>;
export type MeetingParticipant = NonNullable<MeetingJson["participants"]>[number];

const STATUS_TONES: Record<MeetingStatus, BadgeTone> = {
  scheduled: "accent",
  ongoing: "success",
  completed: "neutral",
  cancelled: "danger",
};
const PARTICIPANT_TONES: Record<ParticipantStatus, BadgeTone> = {
  invited: "neutral",
  accepted: "success",
  declined: "danger",
  attended: "accent",
  absent: "warning",
};

export function MeetingStatusBadge({ status, t }: { status: MeetingStatus; t: Translate }) {
  return (
    <Badge
      tone={STATUS_TONES[status]}
      dot={status === "ongoing"}
      className={status === "ongoing" ? "[&>span:first-child]:animate-pulse" : undefined}
    >
      {t(`meetings.status.${status}`)}
    </Badge>
  );
}

export function ParticipantStatusBadge({ status, t }: { status: ParticipantStatus; t: Translate }) {
  return <Badge tone={PARTICIPANT_TONES[status]}>{t(`meetings.participant.${status}`)}</Badge>;
}

/**
 * The course a meeting is a session of, named as its channel is in chat ("# name"). With `href`
 * (the instructor's detail page) it opens the course's register.
 */
export function CourseTag({ course, t, href }: { course: MeetingJson["course"]; t: Translate; href?: string }) {
  if (!course) return null;
  const className =
    "inline-flex max-w-full min-w-0 items-center gap-0.5 rounded-md border border-border px-1.5 py-0.5 text-xs font-medium text-fg-muted";
  const label = t("register.sessionOf", { course: course.name });
  const body = (
    <>
      <span aria-hidden="true" className="text-fg-subtle">
        #
      </span>
      <span className="truncate">{course.name}</span>
    </>
  );
  return href ? (
    <Link
      href={href}
      className={cx(className, "hover:border-border-strong hover:text-fg")}
      aria-label={label}
      title={label}
      data-testid="meeting-course-tag"
    >
      {body}
    </Link>
  ) : (
    <span className={className} title={label} data-testid="meeting-course-tag">
      <span className="sr-only">{label}</span>
      <span aria-hidden="true" className="contents">
        {body}
      </span>
    </span>
  );
}

export const isUpcoming = (m: Pick<MeetingJson, "status">) => m.status === "scheduled" || m.status === "ongoing";

/** Upcoming soonest first, past latest first (the order of the pages' two sections). */
export function splitMeetings<M extends MeetingJson>(meetings: M[]): { upcoming: M[]; past: M[] } {
  const time = (m: M) => new Date(meetingStart(m)).getTime();
  return {
    upcoming: meetings.filter(isUpcoming).sort((a, b) => time(a) - time(b) || a.id.localeCompare(b.id)),
    past: meetings.filter((m) => !isUpcoming(m)).sort((a, b) => time(b) - time(a) || b.id.localeCompare(a.id)),
  };
}

type When = Pick<MeetingJson, "scheduled_date" | "duration" | "started_at" | "ended_at">;

/** The meeting's time: when it actually started once it did, the plan before. */
export const meetingStart = (m: Pick<MeetingJson, "scheduled_date" | "started_at">) => m.started_at ?? m.scheduled_date;

/**
 * "Tuesday 24 November" and "14:00–15:30" in the viewer's zone: the actual start and end once
 * known (a running meeting ends its duration after its actual start), the plan before. `planned`
 * names the scheduled time when the actual start is more than EARLY_START_MINUTES away from it.
 */
export function meetingWhen(i18n: Pick<I18n, "t" | "formatDate">, m: When) {
  const start = new Date(meetingStart(m));
  const end = m.ended_at ? new Date(m.ended_at) : new Date(start.getTime() + m.duration * 60_000);
  const scheduled = new Date(m.scheduled_date);
  const offPlan = !!m.started_at && Math.abs(start.getTime() - scheduled.getTime()) > EARLY_START_MINUTES * 60_000;
  return {
    day: i18n.formatDate(start, "weekdayDate"),
    time: i18n.t("meetings.timeRange", { start: i18n.formatDate(start, "time"), end: i18n.formatDate(end, "time") }),
    planned: offPlan ? i18n.t("meetings.plannedFor", { when: i18n.formatDate(scheduled, "weekdayDateTime") }) : null,
  };
}

/** The planned time under the actual one, when they differ (see meetingWhen). */
export function PlannedNote({ planned, className }: { planned: string | null; className?: string }) {
  return planned ? (
    <span className={cx("block text-fg-subtle first-letter:uppercase", className)} data-testid="meeting-planned">
      {planned}
    </span>
  ) : null;
}

/** A calendar-page tile: the month over the day, in the viewer's zone. */
export function DateTile({ date, i18n, className }: { date: string; i18n: Pick<I18n, "locale" | "timeZone">; className?: string }) {
  const d = new Date(date);
  const month = new Intl.DateTimeFormat(i18n.locale, { month: "short", timeZone: i18n.timeZone }).format(d).replace(".", "");
  const day = new Intl.DateTimeFormat(i18n.locale, { day: "numeric", timeZone: i18n.timeZone }).format(d);
  return (
    <div
      className={cx(
        "flex w-12 shrink-0 flex-col items-center overflow-hidden rounded-lg border border-border bg-surface text-center",
        className,
      )}
      aria-hidden="true"
    >
      <span className="w-full bg-accent-soft py-0.5 text-[10px] font-semibold tracking-wide text-accent-soft-fg uppercase">{month}</span>
      <span className="py-1 text-lg leading-none font-semibold text-fg tabular-nums">{day}</span>
    </div>
  );
}

/** Counts of the invitees' answers and attendance. */
export function inviteeCounts(participants: MeetingParticipant[]) {
  const count = (...statuses: ParticipantStatus[]) => participants.filter((p) => statuses.includes(p.status)).length;
  return {
    total: participants.length,
    accepted: count("accepted"),
    declined: count("declined"),
    pending: count("invited"),
    attended: count("attended"),
    present: participants.filter((p) => p.joined_at && !p.left_at).length,
  };
}

/** A refused action in the reader's language (the API's sentences are English). */
export function actionError(res: Extract<ApiResult<unknown>, { ok: false }>, t: Translate): string {
  if (res.network) return t("errors.network");
  switch (res.status) {
    case 401:
      return t("errors.sessionExpired");
    case 403:
      return t("meetings.errors.forbidden");
    case 404:
      return t("meetings.errors.gone");
    case 409:
      return t("meetings.errors.conflict");
    case 429:
      return t("errors.rateLimited");
    default:
      return apiErrorText(t, res);
  }
}
