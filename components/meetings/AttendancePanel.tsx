"use client";

import { useI18n } from "@/lib/i18n/client";
import type { MeetingJson } from "@/lib/meetings/schemas";
import { Avatar } from "@/components/ui/Avatar";
import { ButtonLink } from "@/components/ui/Button";
import { Card, CardHeader } from "@/components/ui/Card";
import { EmptyState } from "@/components/ui/EmptyState";
import { cx } from "@/lib/ui/cx";
import { inviteeCounts, ParticipantStatusBadge } from "./format";
import { liveMinutes, useNow } from "./use-live-meetings";

/**
 * The invitees of a meeting with their answer or attendance: joined and left times and minutes.
 * While the meeting runs it is the live panel: rows change as `meeting_updated` arrives, and the
 * minutes of those in the meeting keep counting between updates.
 */
export function AttendancePanel({ meeting, receivedAt }: { meeting: MeetingJson; receivedAt: number }) {
  const i18n = useI18n();
  const { t, formatDate, formatNumber } = i18n;
  const now = useNow(10_000);
  const participants = meeting.participants ?? [];
  const live = meeting.status === "ongoing";
  const started = meeting.status !== "scheduled" && meeting.status !== "cancelled";
  const counts = inviteeCounts(participants);
  const title = live ? t("meetings.detail.liveAttendance") : started ? t("meetings.detail.attendance") : t("meetings.detail.invitees");
  const intro = live ? t("meetings.detail.liveIntro") : started ? t("meetings.detail.pastIntro") : t("meetings.detail.inviteesIntro");
  const summary = live
    ? t("meetings.dashboard.present", { present: counts.present, total: counts.total })
    : started
      ? t("meetings.dashboard.attended", { attended: counts.attended, total: counts.total })
      : t("meetings.dashboard.responses", { accepted: counts.accepted, declined: counts.declined, pending: counts.pending });

  return (
    <Card aria-labelledby="attendance-title" data-testid="attendance-panel">
      <CardHeader
        id="attendance-title"
        title={
          <span className="flex items-center gap-2">
            {live ? (
              <span className="relative flex size-2.5" aria-hidden="true">
                <span className="absolute inline-flex size-full animate-ping rounded-full bg-success opacity-60 motion-reduce:animate-none" />
                <span className="relative inline-flex size-2.5 rounded-full bg-success" />
              </span>
            ) : null}
            {title}
          </span>
        }
        description={intro}
        actions={
          participants.length ? (
            <span className="text-sm font-medium text-fg-muted tabular-nums" aria-live="polite" data-testid="attendance-summary">
              {summary}
            </span>
          ) : null
        }
      />
      {participants.length === 0 ? (
        <EmptyState
          icon="users"
          title={t("meetings.detail.noInviteesTitle")}
          description={t("meetings.detail.noInviteesBody")}
          action={
            meeting.status === "scheduled" || live ? (
              <ButtonLink href={`/dashboard/meetings/${meeting.id}/edit`} variant="secondary" size="sm" icon="plus">
                {t("meetings.detail.inviteStudents")}
              </ButtonLink>
            ) : null
          }
        />
      ) : (
        <div className="mt-4">
          {started ? (
            <div
              className="hidden grid-cols-[minmax(0,1fr)_7.5rem_4.5rem_4.5rem_5rem] gap-3 border-y border-border bg-surface-2/60 px-5 py-2 text-xs font-medium tracking-wide text-fg-subtle uppercase sm:grid sm:px-6"
              aria-hidden="true"
            >
              <span>{t("meetings.detail.student")}</span>
              <span>{t("meetings.detail.status")}</span>
              <span>{t("meetings.detail.joined")}</span>
              <span>{t("meetings.detail.left")}</span>
              <span className="text-right">{t("meetings.detail.minutes")}</span>
            </div>
          ) : null}
          <ul className={cx("divide-y divide-border", !started && "border-t border-border")} aria-label={title}>
            {participants.map((p) => {
              const present = live && !!p.joined_at && !p.left_at;
              const minutes = liveMinutes(p.attended_minutes, present, receivedAt, now);
              const name = p.student.name || p.student.username;
              return (
                <li
                  key={p.student_id}
                  data-testid={`attendee-${p.student.username}`}
                  data-status={p.status}
                  data-present={present ? "true" : "false"}
                  className={cx(
                    "grid grid-cols-[minmax(0,1fr)_auto] items-center gap-x-3 gap-y-1 px-5 py-3 sm:px-6",
                    started && "sm:grid-cols-[minmax(0,1fr)_7.5rem_4.5rem_4.5rem_5rem]",
                  )}
                >
                  <div className="flex min-w-0 items-center gap-3">
                    <Avatar user={p.student} size="sm" />
                    <div className="min-w-0">
                      <p className="truncate text-sm font-medium text-fg">{name}</p>
                      <p className="truncate text-xs text-fg-subtle">@{p.student.username}</p>
                    </div>
                  </div>
                  <div className="flex items-center justify-end gap-2 sm:justify-start">
                    {present ? (
                      <span className="inline-flex items-center gap-1.5 rounded-full bg-success-soft px-2 py-0.5 text-xs font-medium whitespace-nowrap text-success-soft-fg">
                        <span className="size-1.5 rounded-full bg-success" aria-hidden="true" />
                        {t("meetings.detail.inMeeting")}
                      </span>
                    ) : (
                      <ParticipantStatusBadge status={p.status} t={t} />
                    )}
                  </div>
                  {started ? (
                    <>
                      <p className={cx("col-span-2 text-xs text-fg-muted tabular-nums sm:hidden", !p.joined_at && "hidden")}>
                        {t("meetings.detail.joined")} {p.joined_at ? formatDate(p.joined_at, "time") : t("meetings.detail.notYet")} ·{" "}
                        {t("meetings.detail.left")} {p.left_at ? formatDate(p.left_at, "time") : t("meetings.detail.notYet")} ·{" "}
                        {t("meetings.minutesShort", { count: minutes })}
                      </p>
                      <span className="hidden text-sm text-fg-muted tabular-nums sm:block">
                        {p.joined_at ? formatDate(p.joined_at, "time") : t("meetings.detail.notYet")}
                      </span>
                      <span className="hidden text-sm text-fg-muted tabular-nums sm:block">
                        {p.left_at ? formatDate(p.left_at, "time") : t("meetings.detail.notYet")}
                      </span>
                      <span className="hidden text-right text-sm font-medium text-fg tabular-nums sm:block" data-testid="attendee-minutes">
                        {formatNumber(minutes, { maximumFractionDigits: 1 })}
                      </span>
                    </>
                  ) : null}
                </li>
              );
            })}
          </ul>
          <div className="h-2" />
        </div>
      )}
    </Card>
  );
}
