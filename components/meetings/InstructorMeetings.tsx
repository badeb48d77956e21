"use client";

import Link from "next/link";
import { useI18n } from "@/lib/i18n/client";
import type { MeetingJson } from "@/lib/meetings/schemas";
import { Avatar } from "@/components/ui/Avatar";
import { ButtonLink } from "@/components/ui/Button";
import { Card } from "@/components/ui/Card";
import { EmptyState } from "@/components/ui/EmptyState";
import { Icon } from "@/components/ui/Icon";
import { cx } from "@/lib/ui/cx";
import { CourseTag, DateTile, inviteeCounts, meetingStart, meetingWhen, MeetingStatusBadge, PlannedNote, splitMeetings } from "./format";
import { useLiveMeetings } from "./use-live-meetings";

/**
 * The instructor's meetings: upcoming (soonest first) and past (latest first), each with its
 * status, time in the viewer's zone and the invitees' answers or attendance, updated live.
 */
export function InstructorMeetings({ initial, renderedAt }: { initial: MeetingJson[]; renderedAt: number }) {
  const { t } = useI18n();
  const { items } = useLiveMeetings(initial, renderedAt);
  const { upcoming, past } = splitMeetings(items.map((s) => s.meeting));

  return (
    <div className="flex flex-col gap-10">
      <section aria-labelledby="upcoming-title">
        <SectionTitle id="upcoming-title" count={upcoming.length}>
          {t("meetings.dashboard.upcoming")}
        </SectionTitle>
        {upcoming.length ? (
          <MeetingList meetings={upcoming} testId="upcoming-meetings" />
        ) : (
          <Card>
            <EmptyState
              icon="meetings"
              title={t("meetings.dashboard.emptyUpcomingTitle")}
              description={t("meetings.dashboard.emptyUpcomingBody")}
              action={
                <ButtonLink href="/dashboard/meetings/new" icon="plus" size="sm">
                  {t("meetings.dashboard.new")}
                </ButtonLink>
              }
            />
          </Card>
        )}
      </section>
      <section aria-labelledby="past-title">
        <SectionTitle id="past-title" count={past.length}>
          {t("meetings.dashboard.past")}
        </SectionTitle>
        {past.length ? (
          <MeetingList meetings={past} testId="past-meetings" />
        ) : (
          <p className="rounded-xl border border-dashed border-border-strong px-5 py-6 text-center text-sm text-fg-muted">
            {t("meetings.dashboard.emptyPastBody")}
          </p>
        )}
      </section>
    </div>
  );
}

export function SectionTitle({ id, count, children }: { id: string; count?: number; children: React.ReactNode }) {
  return (
    <h2 id={id} className="mb-3 flex items-center gap-2 text-sm font-semibold tracking-wide text-fg-muted uppercase">
      {children}
      {count ? <span className="rounded-full bg-surface-3 px-2 py-0.5 text-xs text-fg-muted tabular-nums">{count}</span> : null}
    </h2>
  );
}

function MeetingList({ meetings, testId }: { meetings: MeetingJson[]; testId: string }) {
  return (
    <ul className="flex flex-col gap-3" data-testid={testId}>
      {meetings.map((m) => (
        <li key={m.id}>
          <MeetingRow meeting={m} />
        </li>
      ))}
    </ul>
  );
}

function MeetingRow({ meeting }: { meeting: MeetingJson }) {
  const i18n = useI18n();
  const { t, plural } = i18n;
  const participants = meeting.participants ?? [];
  const counts = inviteeCounts(participants);
  const when = meetingWhen(i18n, meeting);
  const summary = !counts.total
    ? t("meetings.dashboard.noInvitees")
    : meeting.status === "ongoing"
      ? t("meetings.dashboard.present", { present: counts.present, total: counts.total })
      : meeting.status === "completed"
        ? t("meetings.dashboard.attended", { attended: counts.attended, total: counts.total })
        : meeting.status === "cancelled"
          ? plural("meetings.dashboard.invitees", counts.total)
          : `${plural("meetings.dashboard.invitees", counts.total)} · ${t("meetings.dashboard.responses", counts)}`;
  const live = meeting.status === "ongoing";

  return (
    <Card
      as="article"
      className={cx(
        "relative flex items-start gap-4 p-4 transition-colors hover:border-border-strong sm:items-center sm:p-5",
        live && "border-success/40 ring-1 ring-success/25",
        meeting.status === "cancelled" && "opacity-75",
      )}
      data-testid={`meeting-${meeting.id}`}
    >
      <DateTile date={meetingStart(meeting)} i18n={i18n} />
      <div className="min-w-0 flex-1">
        <div className="flex flex-wrap items-center gap-x-2.5 gap-y-1">
          <h3 className="min-w-0 text-base font-semibold break-words text-fg">
            {/* The whole card is the link (the ::after covers it). */}
            <Link
              href={`/dashboard/meetings/${meeting.id}`}
              className="after:absolute after:inset-0 after:rounded-xl focus-visible:outline-none after:focus-visible:outline-2 after:focus-visible:outline-ring"
            >
              {meeting.title}
            </Link>
          </h3>
          <MeetingStatusBadge status={meeting.status} t={t} />
          <CourseTag course={meeting.course} t={t} />
        </div>
        <p className="mt-1 text-sm text-fg-muted">
          <span className="first-letter:uppercase">{when.day}</span> · <span className="whitespace-nowrap tabular-nums">{when.time}</span>
          <PlannedNote planned={when.planned} />
        </p>
        <p className="mt-1.5 flex items-center gap-2 text-sm text-fg-muted" data-testid="meeting-summary">
          {participants.length ? (
            <span className="flex shrink-0 -space-x-1" aria-hidden="true">
              {participants.slice(0, 4).map((p) => (
                <Avatar key={p.student_id} user={p.student} size="xs" ringed />
              ))}
            </span>
          ) : (
            <Icon name="users" size={16} className="text-fg-subtle" />
          )}
          <span className="min-w-0">{summary}</span>
        </p>
      </div>
      <Icon name="chevronRight" size={20} className="hidden self-center text-fg-subtle sm:block" />
    </Card>
  );
}
