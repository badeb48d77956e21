"use client";

import { useRouter } from "next/navigation";
import { useState, type ReactNode } from "react";
import { apiFetch } from "@/lib/client/api";
import { useI18n } from "@/lib/i18n/client";
import type { MeetingJson } from "@/lib/meetings/schemas";
import { Button, ButtonLink, buttonClasses } from "@/components/ui/Button";
import { Card } from "@/components/ui/Card";
import { EmptyState } from "@/components/ui/EmptyState";
import { Icon } from "@/components/ui/Icon";
import { useToast } from "@/components/ui/Toast";
import { cx } from "@/lib/ui/cx";
import {
  actionError,
  CourseTag,
  DateTile,
  meetingStart,
  meetingWhen,
  MeetingStatusBadge,
  ParticipantStatusBadge,
  PlannedNote,
  splitMeetings,
} from "./format";
import { BreakoutNotice } from "./BreakoutNotice";
import { SectionTitle } from "./InstructorMeetings";
import { liveMinutes, useLiveMeetings, useNow, type Stamped } from "./use-live-meetings";

type Busy = { id: string; action: "accept" | "decline" | "join" | "leave" } | null;

/**
 * A student's meetings: what is live now (Join), invitations to answer, what is coming, and the
 * past ones with their attendance. Updated live as instructors create, change, start and end them.
 */
export function StudentMeetings({ initial, renderedAt }: { initial: MeetingJson[]; renderedAt: number }) {
  const { t } = useI18n();
  const router = useRouter();
  const toast = useToast();
  const { items, put } = useLiveMeetings(initial, renderedAt);
  const [busy, setBusy] = useState<Busy>(null);
  const [blockedLink, setBlockedLink] = useState<string | null>(null);
  const byId = new Map(items.map((s) => [s.meeting.id, s]));
  const { upcoming, past } = splitMeetings(items.map((s) => s.meeting));
  const live = upcoming.filter((m) => m.status === "ongoing");
  const invitations = upcoming.filter((m) => m.status === "scheduled" && m.participant_status === "invited");
  const planned = upcoming.filter((m) => m.status === "scheduled" && m.participant_status !== "invited");

  async function respond(m: MeetingJson, action: "accept" | "decline") {
    setBusy({ id: m.id, action });
    const res = await apiFetch<{ meeting: MeetingJson }>(`/api/meetings/${m.id}/respond`, { method: "POST", body: { action } });
    setBusy(null);
    if (!res.ok) return failed(m, res);
    put(res.data.meeting);
    toast({ title: t(action === "accept" ? "meetings.student.acceptedToast" : "meetings.student.declinedToast"), tone: "success" });
  }

  /**
   * Join: the API records the arrival and answers the video link, which opens in a new tab; this
   * tab goes to the meeting's room (notes and chat). The tab is opened during the click, before
   * the request: a window opened after an await would be stopped by popup blockers.
   */
  async function join(m: MeetingJson) {
    setBlockedLink(null);
    const tab = window.open("", "_blank");
    setBusy({ id: m.id, action: "join" });
    const res = await apiFetch<{ meeting: MeetingJson; meeting_link: string }>(`/api/meetings/${m.id}/join`, { method: "POST" });
    setBusy(null);
    if (!res.ok) {
      tab?.close();
      return failed(m, res);
    }
    put(res.data.meeting);
    if (tab) {
      tab.opener = null;
      tab.location.href = res.data.meeting_link;
    } else setBlockedLink(res.data.meeting_link);
    if (m.room_id && tab) router.push(`/rooms/${m.room_id}`);
  }

  async function leave(m: MeetingJson) {
    setBusy({ id: m.id, action: "leave" });
    const res = await apiFetch<{ meeting: MeetingJson }>(`/api/meetings/${m.id}/leave`, { method: "POST" });
    setBusy(null);
    if (!res.ok) return failed(m, res);
    put(res.data.meeting);
    toast({ title: t("meetings.student.leftToast"), tone: "success" });
  }

  async function failed(m: MeetingJson, res: Extract<Awaited<ReturnType<typeof apiFetch>>, { ok: false }>) {
    toast({ title: actionError(res, t), tone: "error" });
    const fresh = await apiFetch<{ meeting: MeetingJson }>(`/api/meetings/${m.id}`);
    if (fresh.ok) put(fresh.data.meeting);
    else router.refresh();
  }

  const card = (m: MeetingJson) => (
    <li key={m.id}>
      <StudentMeetingCard
        stamped={byId.get(m.id)!}
        busy={busy?.id === m.id ? busy.action : null}
        onRespond={respond}
        onJoin={join}
        onLeave={leave}
      />
    </li>
  );

  if (!items.length) {
    return (
      <Card>
        <EmptyState
          icon="meetings"
          title={t("meetings.student.emptyTitle")}
          description={t("meetings.student.emptyBody")}
          className="py-12"
        />
      </Card>
    );
  }

  return (
    <div className="flex flex-col gap-10">
      {blockedLink ? (
        <div
          role="alert"
          className="flex flex-wrap items-center gap-3 rounded-xl border border-warning/40 bg-warning-soft px-4 py-3 text-sm text-warning-soft-fg"
        >
          <span>{t("meetings.student.popupBlocked")}</span>
          <a href={blockedLink} target="_blank" rel="noopener noreferrer" className={buttonClasses({ variant: "secondary", size: "sm" })}>
            <Icon name="external" size={16} />
            {t("meetings.student.openCall")}
          </a>
        </div>
      ) : null}
      {live.length ? (
        <Section id="live-title" title={t("meetings.student.now")} count={live.length} testId="live-meetings">
          {live.map(card)}
        </Section>
      ) : null}
      {invitations.length ? (
        <Section id="invitations-title" title={t("meetings.student.invitations")} count={invitations.length} testId="invitations">
          {invitations.map(card)}
        </Section>
      ) : null}
      <Section
        id="upcoming-title"
        title={t("meetings.student.upcoming")}
        count={planned.length}
        testId="upcoming-meetings"
        empty={t("meetings.student.emptyUpcoming")}
      >
        {planned.map(card)}
      </Section>
      <Section
        id="past-title"
        title={t("meetings.student.past")}
        count={past.length}
        testId="past-meetings"
        empty={t("meetings.student.emptyPast")}
      >
        {past.map(card)}
      </Section>
    </div>
  );
}

function Section({
  id,
  title,
  count,
  testId,
  empty,
  children,
}: {
  id: string;
  title: string;
  count: number;
  testId: string;
  empty?: string;
  children: ReactNode[];
}) {
  return (
    <section aria-labelledby={id}>
      <SectionTitle id={id} count={count}>
        {title}
      </SectionTitle>
      {children.length ? (
        <ul className="flex flex-col gap-3" data-testid={testId}>
          {children}
        </ul>
      ) : (
        <p className="rounded-xl border border-dashed border-border-strong px-5 py-6 text-center text-sm text-fg-muted">{empty}</p>
      )}
    </section>
  );
}

interface CardProps {
  stamped: Stamped;
  busy: NonNullable<Busy>["action"] | null;
  onRespond: (m: MeetingJson, action: "accept" | "decline") => void;
  onJoin: (m: MeetingJson) => void;
  onLeave: (m: MeetingJson) => void;
}

function StudentMeetingCard({ stamped, busy, onRespond, onJoin, onLeave }: CardProps) {
  const i18n = useI18n();
  const { t, formatDate } = i18n;
  const now = useNow(30_000);
  const { meeting: m, at } = stamped;
  const when = meetingWhen(i18n, m);
  const status = m.participant_status ?? "invited";
  const live = m.status === "ongoing";
  const past = m.status === "completed" || m.status === "cancelled";
  const minutes = liveMinutes(m.attended_minutes ?? 0, !!m.in_meeting, at, now);

  const respondButtons = (
    <>
      {status !== "accepted" ? (
        <Button
          size="sm"
          variant={status === "invited" ? "primary" : "secondary"}
          icon="check"
          loading={busy === "accept"}
          loadingText={t("meetings.student.accepting")}
          disabled={!!busy}
          onClick={() => onRespond(m, "accept")}
        >
          {status === "invited" ? t("meetings.student.accept") : t("meetings.student.changeToAccept")}
        </Button>
      ) : null}
      {status !== "declined" ? (
        <Button
          size="sm"
          variant={status === "invited" ? "secondary" : "ghost"}
          loading={busy === "decline"}
          loadingText={t("meetings.student.declining")}
          disabled={!!busy}
          onClick={() => onRespond(m, "decline")}
        >
          {status === "invited" ? t("meetings.student.decline") : t("meetings.student.changeToDecline")}
        </Button>
      ) : null}
    </>
  );

  return (
    <Card
      as="article"
      className={cx(
        "flex flex-col gap-4 p-4 sm:flex-row sm:items-center sm:p-5",
        live && "border-success/40 ring-1 ring-success/25",
        m.status === "cancelled" && "opacity-75",
      )}
      data-testid={`meeting-${m.id}`}
      aria-label={m.title}
    >
      <div className="flex min-w-0 flex-1 items-start gap-4">
        <DateTile date={meetingStart(m)} i18n={i18n} />
        <div className="min-w-0 flex-1">
          <div className="flex flex-wrap items-center gap-x-2.5 gap-y-1">
            <h3 className="min-w-0 text-base font-semibold break-words text-fg">{m.title}</h3>
            {live || m.status === "cancelled" ? <MeetingStatusBadge status={m.status} t={t} /> : null}
            {!live && m.status !== "cancelled" && (status !== "invited" || past) ? <ParticipantStatusBadge status={status} t={t} /> : null}
            <CourseTag course={m.course} t={t} />
          </div>
          <p className="mt-1 text-sm text-fg-muted">
            <span className="first-letter:uppercase">{when.day}</span> · <span className="whitespace-nowrap tabular-nums">{when.time}</span>
            {live && m.started_at ? (
              <>
                {" "}
                · <span className="whitespace-nowrap">{t("meetings.student.liveSince", { time: formatDate(m.started_at, "time") })}</span>
              </>
            ) : null}
            <PlannedNote planned={when.planned} />
          </p>
          <p className="mt-0.5 text-sm text-fg-subtle">{t("meetings.withInstructor", { name: m.instructor.name })}</p>
          {m.description && !past ? <p className="mt-2 line-clamp-2 text-sm whitespace-pre-line text-fg-muted">{m.description}</p> : null}
          {past ? (
            <p className="mt-2 text-sm font-medium text-fg" data-testid="my-attendance">
              {m.status === "cancelled"
                ? t("meetings.student.wasCancelled")
                : status === "attended"
                  ? minutes < 1
                    ? t("meetings.student.attendedUnderMinute")
                    : t("meetings.student.attendedMinutes", { minutes: i18n.plural("meetings.minutes", Math.round(minutes)) })
                  : t("meetings.student.wasAbsent")}
            </p>
          ) : null}
          {live && m.in_meeting ? (
            <p className="mt-2 flex items-center gap-1.5 text-sm font-medium text-success-soft-fg">
              <span className="size-2 rounded-full bg-success" aria-hidden="true" />
              {t("meetings.student.inMeeting")}
            </p>
          ) : null}
          {live && m.breakout ? <BreakoutNotice meetingId={m.id} breakout={m.breakout} /> : null}
        </div>
      </div>

      <div className="flex flex-wrap items-center gap-2 empty:hidden sm:shrink-0 sm:justify-end">
        {live ? (
          <>
            <Button
              icon="video"
              loading={busy === "join"}
              loadingText={t("meetings.student.joining")}
              disabled={!!busy}
              onClick={() => onJoin(m)}
              data-testid="join-meeting"
            >
              {m.in_meeting ? t("meetings.student.rejoin") : t("meetings.student.join")}
            </Button>
            <ButtonLink href={`/meetings/${m.id}/call`} variant="secondary" icon="video" data-testid="join-in-page">
              {t("meetings.call.joinHere")}
            </ButtonLink>
            {m.in_meeting ? (
              <Button
                variant="secondary"
                loading={busy === "leave"}
                loadingText={t("meetings.student.leaving")}
                disabled={!!busy}
                onClick={() => onLeave(m)}
              >
                {t("meetings.student.leave")}
              </Button>
            ) : null}
          </>
        ) : m.status === "scheduled" ? (
          respondButtons
        ) : null}
        {past && status === "attended" && m.room_id ? (
          <ButtonLink href={`/rooms/${m.room_id}`} variant="secondary" size="sm" icon="note">
            {t("meetings.openRoom")}
          </ButtonLink>
        ) : null}
        {m.status === "scheduled" ? (
          <a
            href={`/api/meetings/${m.id}/ics`}
            download
            className={buttonClasses({ variant: "ghost", size: "sm" })}
            aria-label={`${t("meetings.icsDownload")}: ${m.title}`}
          >
            <Icon name="calendarPlus" size={18} />
            <span className="sr-only lg:not-sr-only">{t("meetings.icsDownload")}</span>
          </a>
        ) : null}
      </div>
    </Card>
  );
}
