"use client";

import Link from "next/link";
import { useMemo, useState } from "react";
import { apiFetch } from "@/lib/client/api";
import { useI18n } from "@/lib/i18n/client";
import type { MeetingJson } from "@/lib/meetings/schemas";
import { Button, ButtonLink, buttonClasses } from "@/components/ui/Button";
import { Card, CardBody, CardHeader } from "@/components/ui/Card";
import { ConfirmDialog } from "@/components/ui/Dialog";
import { Icon } from "@/components/ui/Icon";
import { useToast } from "@/components/ui/Toast";
import { AttendancePanel } from "./AttendancePanel";
import { BreakoutsPanel } from "./BreakoutsPanel";
import { actionError, CourseTag, DateTile, meetingStart, meetingWhen, MeetingStatusBadge, PlannedNote } from "./format";
import { EARLY_START_MINUTES, minutesUntil } from "@/lib/meetings/time";
import { useLiveMeetings } from "./use-live-meetings";

type Action = "start" | "end" | "cancel";

/**
 * The instructor's view of one meeting: its state and the actions it allows (start, end, edit,
 * cancel, each confirmed), the invitees with their answers and then their attendance, live while
 * the meeting runs, the companion room with its notes, and the exports.
 */
export function MeetingManager({
  initial,
  renderedAt,
  notesCount,
}: {
  initial: MeetingJson;
  renderedAt: number;
  notesCount: number | null;
}) {
  const i18n = useI18n();
  const { t, plural, formatDate, formatRelative } = i18n;
  const toast = useToast();
  const list = useMemo(() => [initial], [initial]);
  const { items, put } = useLiveMeetings(list, renderedAt, (m) => m.id === initial.id);
  const { meeting, at } = items[0]!;
  const [confirming, setConfirming] = useState<Action | null>(null);
  const [busy, setBusy] = useState(false);
  const when = meetingWhen(i18n, meeting);

  async function run(action: Action) {
    setBusy(true);
    const res =
      action === "cancel"
        ? await apiFetch<{ meeting: MeetingJson }>(`/api/meetings/${meeting.id}`, { method: "DELETE" })
        : await apiFetch<{ meeting: MeetingJson }>(`/api/meetings/${meeting.id}/${action}`, { method: "POST" });
    setBusy(false);
    setConfirming(null);
    if (!res.ok) {
      toast({ title: actionError(res, t), tone: "error" });
      // The meeting may have moved on elsewhere (another tab): show where it is.
      const fresh = await apiFetch<{ meeting: MeetingJson }>(`/api/meetings/${meeting.id}`);
      if (fresh.ok) put(fresh.data.meeting);
      return;
    }
    put(res.data.meeting);
    const done = { start: "meetings.detail.started", end: "meetings.detail.ended", cancel: "meetings.detail.cancelled" } as const;
    toast({ title: t(done[action]), tone: "success" });
  }

  // Starting well before the planned time is allowed (an instructor who is ready early) but
  // asked twice: a click on the wrong meeting would otherwise open a day-early call. Judged when
  // the dialog opens, so a page left open still warns correctly.
  const [early, setEarly] = useState(false);
  const askStart = () => {
    setEarly(minutesUntil(meeting) > EARLY_START_MINUTES);
    setConfirming("start");
  };
  const startDialog = early
    ? {
        title: t("meetings.detail.startEarlyTitle"),
        body: t("meetings.detail.startEarlyBody", {
          when: formatDate(meeting.scheduled_date, "weekdayDateTime"),
          relative: formatRelative(meeting.scheduled_date),
        }),
        confirm: t("meetings.detail.startEarly"),
      }
    : { title: t("meetings.detail.startTitle"), body: t("meetings.detail.startBody"), confirm: t("meetings.detail.start") };
  const dialogs: Record<
    Action,
    { title: string; body: string; confirm: string; confirming: string; danger: boolean; cancelLabel?: string }
  > = {
    start: { ...startDialog, confirming: t("meetings.detail.starting"), danger: false },
    end: {
      title: t("meetings.detail.endTitle"),
      body: t("meetings.detail.endBody"),
      confirm: t("meetings.detail.end"),
      confirming: t("meetings.detail.ending"),
      danger: true,
    },
    cancel: {
      title: t("meetings.detail.cancelTitle"),
      body: t("meetings.detail.cancelBody"),
      confirm: t("meetings.detail.cancel"),
      confirming: t("meetings.detail.cancelling"),
      danger: true,
      cancelLabel: t("meetings.detail.cancelKeep"),
    },
  };
  const dialog = confirming ? dialogs[confirming] : null;
  const editable = meeting.status === "scheduled" || meeting.status === "ongoing";

  return (
    <>
      <Link href="/dashboard/meetings" className="mb-5 inline-flex items-center gap-1 text-sm font-medium text-fg-muted hover:text-fg">
        <Icon name="chevronRight" size={16} className="rotate-180" />
        {t("meetings.detail.back")}
      </Link>

      <div className="mb-8 flex flex-col gap-5 sm:flex-row sm:items-start sm:justify-between">
        <div className="flex min-w-0 items-start gap-4">
          <DateTile date={meetingStart(meeting)} i18n={i18n} className="mt-1 hidden sm:flex" />
          <div className="min-w-0">
            <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
              <h1 className="text-2xl font-semibold tracking-tight break-words text-fg sm:text-3xl">{meeting.title}</h1>
              <span data-testid="meeting-status">
                <MeetingStatusBadge status={meeting.status} t={t} />
              </span>
              {meeting.course ? (
                <CourseTag course={meeting.course} t={t} href={`/dashboard/register?course=${encodeURIComponent(meeting.course.slug)}`} />
              ) : null}
            </div>
            <p className="mt-2 text-fg-muted first-letter:uppercase" data-testid="meeting-when">
              {when.day} · <span className="whitespace-nowrap">{when.time}</span>
            </p>
            {/* The line above is the actual time once started; the plan shows when it differs. */}
            {when.planned ? (
              <p className="mt-1 text-sm">
                <PlannedNote planned={when.planned} />
              </p>
            ) : null}
          </div>
        </div>
        <div className="flex flex-wrap gap-2 sm:shrink-0 sm:justify-end">
          {meeting.status === "scheduled" ? (
            <Button icon="play" onClick={askStart} data-testid="start-meeting">
              {t("meetings.detail.start")}
            </Button>
          ) : null}
          {meeting.status === "ongoing" ? (
            <>
              <a href={meeting.meeting_link} target="_blank" rel="noopener noreferrer" className={buttonClasses({ variant: "primary" })}>
                <Icon name="video" size={18} />
                {t("meetings.detail.joinVideo")}
              </a>
              <ButtonLink href={`/meetings/${meeting.id}/call`} variant="secondary" icon="video">
                {t("meetings.call.joinHere")}
              </ButtonLink>
              <Button variant="danger" onClick={() => setConfirming("end")} data-testid="end-meeting">
                {t("meetings.detail.end")}
              </Button>
            </>
          ) : null}
          {editable ? (
            <ButtonLink href={`/dashboard/meetings/${meeting.id}/edit`} variant="secondary" icon="edit">
              {t("meetings.detail.edit")}
            </ButtonLink>
          ) : null}
          {meeting.status === "scheduled" ? (
            <Button variant="ghost" onClick={() => setConfirming("cancel")} data-testid="cancel-meeting">
              {t("meetings.detail.cancel")}
            </Button>
          ) : null}
        </div>
      </div>

      <div className="grid gap-6 lg:grid-cols-3">
        <div className="flex min-w-0 flex-col gap-6 lg:col-span-2">
          {meeting.status === "ongoing" ? (
            <BreakoutsPanel
              meeting={meeting}
              onChanged={async () => {
                const fresh = await apiFetch<{ meeting: MeetingJson }>(`/api/meetings/${meeting.id}`);
                if (fresh.ok) put(fresh.data.meeting);
              }}
            />
          ) : null}
          <AttendancePanel meeting={meeting} receivedAt={at} />
        </div>
        <aside className="flex min-w-0 flex-col gap-6">
          <Card aria-labelledby="details-title">
            <CardHeader id="details-title" title={t("meetings.detail.details")} />
            <CardBody>
              <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-3 text-sm">
                <dt className="text-fg-subtle">{t("meetings.detail.date")}</dt>
                <dd className="text-fg first-letter:uppercase">{when.day}</dd>
                <dt className="text-fg-subtle">{t("meetings.detail.time")}</dt>
                <dd className="text-fg tabular-nums">{when.time}</dd>
                <dt className="text-fg-subtle">{t("meetings.detail.duration")}</dt>
                <dd className="text-fg">{plural("meetings.minutes", meeting.duration)}</dd>
                <dt className="text-fg-subtle">{t("meetings.detail.videoLink")}</dt>
                <dd className="min-w-0">
                  <a
                    href={meeting.meeting_link}
                    target="_blank"
                    rel="noopener noreferrer"
                    className="block truncate font-medium text-accent hover:underline"
                  >
                    {meeting.meeting_link.replace(/^https?:\/\//, "")}
                  </a>
                </dd>
              </dl>
              <div className="mt-4 border-t border-border pt-4">
                <h3 className="text-sm text-fg-subtle">{t("meetings.detail.description")}</h3>
                <p className="mt-1 text-sm whitespace-pre-line text-fg">{meeting.description || t("meetings.detail.noDescription")}</p>
              </div>
            </CardBody>
          </Card>

          {meeting.room_id ? (
            <Card aria-labelledby="room-title">
              <CardHeader id="room-title" title={t("meetings.detail.room")} description={t("meetings.detail.roomIntro")} />
              <CardBody className="flex flex-col gap-3">
                <p className="flex items-center gap-2 text-sm text-fg" data-testid="notes-count">
                  <Icon name="note" size={18} className="text-fg-subtle" />
                  {notesCount ? plural("meetings.detail.notes", notesCount) : t("meetings.detail.noNotes")}
                </p>
                <div className="flex flex-wrap gap-2">
                  <ButtonLink href={`/rooms/${meeting.room_id}`} variant="secondary" size="sm" icon="rooms">
                    {t("meetings.detail.openRoom")}
                  </ButtonLink>
                  {notesCount ? (
                    <a href={`/api/rooms/${meeting.room_id}/notes.md`} download className={buttonClasses({ variant: "ghost", size: "sm" })}>
                      <Icon name="download" size={18} />
                      {t("meetings.detail.downloadNotes")}
                    </a>
                  ) : null}
                </div>
              </CardBody>
            </Card>
          ) : null}

          <Card aria-labelledby="exports-title">
            <CardHeader id="exports-title" title={t("meetings.detail.exports")} />
            <CardBody className="flex flex-col items-start gap-1">
              <a
                href={`/api/meetings/${meeting.id}/attendance?format=csv`}
                download
                className={buttonClasses({ variant: "ghost", size: "sm", className: "-ml-3" })}
              >
                <Icon name="download" size={18} />
                {t("meetings.detail.csv")}
              </a>
              {meeting.status !== "cancelled" ? (
                <a
                  href={`/api/meetings/${meeting.id}/ics`}
                  download
                  className={buttonClasses({ variant: "ghost", size: "sm", className: "-ml-3" })}
                >
                  <Icon name="calendarPlus" size={18} />
                  {t("meetings.detail.ics")}
                </a>
              ) : null}
            </CardBody>
          </Card>
        </aside>
      </div>

      <ConfirmDialog
        open={!!dialog}
        onClose={() => !busy && setConfirming(null)}
        title={dialog?.title ?? ""}
        description={dialog?.body}
        confirmLabel={dialog?.confirm ?? ""}
        confirmingLabel={dialog?.confirming}
        cancelLabel={dialog?.cancelLabel}
        danger={dialog?.danger}
        busy={busy}
        onConfirm={() => (confirming ? run(confirming) : undefined)}
      />
    </>
  );
}
