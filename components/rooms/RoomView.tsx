"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useState } from "react";
import { apiFetch } from "@/lib/client/api";
import type { RoomMeeting } from "@/lib/meetings/schemas";
import { useSocket } from "@/components/realtime/RealtimeProvider";
import { useI18n } from "@/lib/i18n/client";
import type { RoomJson } from "@/lib/rooms/schemas";
import { Badge } from "@/components/ui/Badge";
import { Button, buttonClasses } from "@/components/ui/Button";
import { Card } from "@/components/ui/Card";
import { ConfirmDialog } from "@/components/ui/Dialog";
import { EmptyState } from "@/components/ui/EmptyState";
import { Select } from "@/components/ui/Field";
import { Icon } from "@/components/ui/Icon";
import { Spinner } from "@/components/ui/Spinner";
import { useToast } from "@/components/ui/Toast";
import { cx } from "@/lib/ui/cx";
import { NotesPanel } from "./NotesPanel";
import { PeoplePanel } from "./PeoplePanel";
import { PollsPanel } from "./PollsPanel";
import { QuestionsPanel } from "./QuestionsPanel";
import { ReactionBar, ReactionsProvider } from "./Reactions";
import { RoomChat } from "./RoomChat";
import { useRoom } from "./use-room";
import { YoutubeStage } from "./YoutubeStage";
import { PhotosStage } from "./PhotosStage";
import { ackErrorText } from "@/components/realtime/emit-ack";
import { MeetingBanner } from "./MeetingBanner";
import { MutedNotice, useMuteLeft } from "./MutedNotice";

type Panel = "chat" | "polls" | "questions" | "notes" | "people";
const MODES: RoomJson["mode"][] = ["chat", "photos", "youtube"];

export function RoomView({ code, me, meeting = null }: { code: string; me: string; meeting?: RoomMeeting | null }) {
  const { t } = useI18n();
  const router = useRouter();
  const toast = useToast();
  const {
    phase,
    room,
    participants,
    messages,
    notes,
    outbox,
    send,
    retry,
    emit,
    polls,
    putPoll,
    questions,
    setQuestions,
    hands,
    moderation,
  } = useRoom(code, me);
  const youtube = useSocket("/youtube");
  const [panel, setPanel] = useState<Panel>("chat");
  const [confirm, setConfirm] = useState<"leave" | "close" | "leaveMeeting" | null>(null);
  const [busy, setBusy] = useState(false);
  const mutedFor = useMuteLeft(moderation, me);
  const playerTime = useRef<() => number | undefined>(() => undefined);
  const setPlayerTime = useCallback((get: () => number | undefined) => {
    playerTime.current = get;
  }, []);

  // Closed while open here, or a stale page: the server renders the closed room read-only for
  // the people who were in it (this card shows meanwhile, and to anyone else).
  const closed = phase.kind === "closed";
  useEffect(() => {
    if (closed) router.refresh();
  }, [closed, router]);

  if (phase.kind === "closed") {
    return (
      <Card className="mx-auto mt-10 max-w-lg p-8">
        <EmptyState
          level={1}
          icon="rooms"
          title={t("rooms.state.closedTitle")}
          description={t("rooms.state.closedBody")}
          action={
            <Link href="/rooms" className={buttonClasses({ variant: "secondary" })}>
              {t("rooms.state.goBack")}
            </Link>
          }
        />
      </Card>
    );
  }
  if (phase.kind === "removed") {
    return (
      <Card className="mx-auto mt-10 max-w-lg p-8">
        <EmptyState
          level={1}
          icon="warning"
          title={phase.banned ? t("rooms.moderation.banned") : t("rooms.moderation.removed")}
          action={
            <Link href="/rooms" className={buttonClasses({ variant: "secondary" })}>
              {t("rooms.state.goBack")}
            </Link>
          }
        />
      </Card>
    );
  }
  if (phase.kind === "error") {
    return (
      <Card className="mx-auto mt-10 max-w-lg p-8">
        <EmptyState
          level={1}
          icon="warning"
          title={t("rooms.state.joinFailed", { reason: ackErrorText(t, phase.code) })}
          action={
            <Link href="/rooms" className={buttonClasses({ variant: "secondary" })}>
              {t("rooms.state.goBack")}
            </Link>
          }
        />
      </Card>
    );
  }
  if (!room) {
    return (
      <div className="grid min-h-[50vh] place-items-center">
        <Spinner label={t("rooms.state.joining")} size="lg" />
      </div>
    );
  }

  const isHost = room.host_id === me;
  const canControl = room.controls === "everyone" || isHost;
  const panels: Panel[] =
    room.mode === "chat" ? ["polls", "questions", "notes", "people"] : ["chat", "polls", "questions", "notes", "people"];
  const openPolls = polls.filter((p) => p.status === "open").length;
  const openQuestions = questions.filter((q) => q.status === "open").length;
  const activePanel = panels.includes(panel) ? panel : panels[0]!;

  async function copyLink() {
    await navigator.clipboard?.writeText(room!.join_url).catch(() => {});
    toast({ tone: "success", title: t("rooms.header.copied") });
  }

  async function act(kind: "leave" | "close" | "leaveMeeting") {
    setBusy(true);
    if (kind === "leaveMeeting" && meeting) {
      // Leaving the call, not the room: its notes stay with those who were in the meeting.
      const res = await apiFetch(`/api/meetings/${meeting.id}/leave`, { method: "POST" });
      setBusy(false);
      setConfirm(null);
      if (!res.ok) return toast({ tone: "error", title: res.network ? t("errors.network") : t("meetings.errors.conflict") });
      toast({ tone: "success", title: t("rooms.meeting.left") });
      router.push("/meetings");
      return;
    }
    const ack = await emit(kind === "leave" ? "leave_room" : "close_room", {});
    setBusy(false);
    setConfirm(null);
    if (!ack.success) return toast({ tone: "error", title: ackErrorText(t, ack.code) });
    router.push("/rooms");
    router.refresh();
  }

  const mutedNotice = mutedFor !== null && room.is_open ? <MutedNotice minutes={mutedFor} /> : undefined;
  const chat = (
    <RoomChat
      messages={messages}
      outbox={outbox}
      me={me}
      disabled={!room.is_open || !!mutedNotice}
      notice={mutedNotice}
      onSend={send}
      onRetry={(o) => void retry(o)}
      className="h-full"
    />
  );

  return (
    <ReactionsProvider code={code}>
      <div className="flex flex-col gap-4" data-testid="room-view">
        {meeting ? <MeetingBanner meeting={meeting} /> : null}
        <header className="flex flex-wrap items-center gap-x-4 gap-y-3">
          <div className="min-w-0 basis-full sm:basis-auto sm:flex-1">
            <h1 className="text-2xl font-semibold tracking-tight break-words text-fg sm:truncate" title={room.name}>
              {room.name}
            </h1>
            <p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-fg-muted">
              <span>{t("rooms.header.code")}</span>
              <code className="rounded bg-surface-3 px-2 py-0.5 font-mono tracking-widest text-fg" data-testid="room-code">
                {room.room_id}
              </code>
              <button
                type="button"
                onClick={() => void copyLink()}
                className="inline-flex items-center gap-1 rounded px-1 text-accent hover:underline focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-accent"
              >
                <Icon name="users" size={16} />
                {t("rooms.header.copyLink")}
              </button>
              {isHost ? <Badge tone="accent">{t("rooms.people.host")}</Badge> : null}
            </p>
          </div>
          <div className="flex w-full flex-col gap-1 sm:w-auto">
            <div
              role="tablist"
              aria-label={t("rooms.modes.label")}
              aria-describedby={isHost ? undefined : "room-mode-hint"}
              className="flex w-full rounded-xl border border-border bg-surface-2 p-1 sm:w-auto"
            >
              {MODES.map((mode) => (
                <button
                  key={mode}
                  role="tab"
                  type="button"
                  aria-selected={room.mode === mode}
                  disabled={!isHost && room.mode !== mode}
                  title={isHost ? undefined : t("rooms.modes.hostOnly")}
                  onClick={() => isHost && room.mode !== mode && void emit("set_mode", { mode })}
                  className={cx(
                    "min-h-10 flex-1 rounded-lg px-3 text-sm font-medium transition focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-accent",
                    room.mode === mode ? "bg-surface text-fg shadow-card" : "text-fg-muted enabled:hover:text-fg disabled:opacity-50",
                  )}
                >
                  {t(`rooms.modes.${mode}`)}
                </button>
              ))}
            </div>
            {/* Greyed tabs say why, in words and not only in a tooltip. */}
            {isHost ? null : (
              <p id="room-mode-hint" className="text-center text-xs text-fg-muted sm:text-right" data-testid="mode-hint">
                {t("rooms.modes.hostOnlyNamed", { name: participants.find((p) => p.is_host)?.name ?? t("rooms.people.host") })}
              </p>
            )}
          </div>
          <div className="flex w-full flex-wrap items-center gap-2 sm:w-auto">
            {isHost ? (
              <>
                <label className="sr-only" htmlFor="room-controls">
                  {t("rooms.header.controls")}
                </label>
                <Select
                  id="room-controls"
                  value={room.controls}
                  title={t("rooms.header.controls")}
                  onChange={(e) => void emit("set_controls", { controls: e.target.value as RoomJson["controls"] })}
                  className="min-w-[11rem] flex-1 sm:w-auto sm:flex-none"
                >
                  <option value="everyone">{t("rooms.header.controlsEveryone")}</option>
                  <option value="host">{t("rooms.header.controlsHost")}</option>
                </Select>
                <Button variant="danger" size="md" onClick={() => setConfirm("close")}>
                  {t("rooms.header.close")}
                </Button>
              </>
            ) : null}
            {/* A meeting's instructor manages it from the banner; a student in the call leaves the meeting. */}
            {meeting?.is_owner ? null : meeting?.in_meeting ? (
              <Button variant="secondary" icon="logout" onClick={() => setConfirm("leaveMeeting")}>
                {t("rooms.meeting.leave")}
              </Button>
            ) : (
              <Button variant="secondary" icon="logout" onClick={() => setConfirm("leave")}>
                {t("rooms.header.leave")}
              </Button>
            )}
          </div>
        </header>

        <div className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_22rem]">
          <section className="flex min-w-0 flex-col gap-3" aria-label={t(`rooms.modes.${room.mode}`)}>
            {room.mode === "youtube" ? (
              <Card className="p-4">
                <YoutubeStage code={code} me={me} canControl={canControl} onPlayerTime={setPlayerTime} />
              </Card>
            ) : room.mode === "photos" ? (
              <Card className="p-4">
                <PhotosStage code={code} canControl={canControl} />
              </Card>
            ) : (
              <Card className="flex h-[26rem] flex-col overflow-hidden sm:h-[min(70vh,40rem)]">{chat}</Card>
            )}
            {room.mode !== "chat" ? (
              <div className="flex justify-center">
                <ReactionBar disabled={!room.is_open} />
              </div>
            ) : null}
          </section>

          <Card as="div" className="flex h-[28rem] flex-col overflow-hidden lg:h-[min(70vh,40rem)]">
            <div role="tablist" className="flex overflow-x-auto border-b border-border">
              {panels.map((p) => (
                <button
                  key={p}
                  role="tab"
                  type="button"
                  aria-selected={activePanel === p}
                  onClick={() => setPanel(p)}
                  className={cx(
                    // 13px where the panel is narrow (phones, and the 22rem column from lg): five French
                    // labels then fit without scrolling the first one out of sight.
                    "min-h-11 flex-1 border-b-2 px-0.5 text-[13px] font-medium whitespace-nowrap transition sm:text-sm lg:text-[13px] focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-inset focus-visible:ring-accent",
                    activePanel === p ? "border-accent text-fg" : "border-transparent text-fg-muted hover:text-fg",
                  )}
                >
                  {t(`rooms.panels.${p}`)}
                  {p === "polls" && openPolls ? <span className="ml-1 text-xs text-accent">{openPolls}</span> : null}
                  {p === "questions" && openQuestions ? <span className="ml-1 text-xs text-fg-subtle">{openQuestions}</span> : null}
                  {p === "notes" && notes.length ? <span className="ml-1 text-xs text-fg-subtle">{notes.length}</span> : null}
                  {/* Everyone in the room (the list marks who is online): "People 1" over "10 people" read as a mistake. */}
                  {p === "people" ? <span className="ml-1 text-xs text-fg-subtle">{participants.length}</span> : null}
                </button>
              ))}
            </div>
            <div className="min-h-0 flex-1 overflow-hidden [&>*]:h-full">
              {activePanel === "chat" ? chat : null}
              {activePanel === "notes" ? (
                <NotesPanel
                  code={code}
                  notes={notes}
                  me={me}
                  isHost={isHost}
                  canControl={canControl && room.mode === "youtube"}
                  currentTime={() => playerTime.current()}
                  onJump={(seconds) => youtube?.emit("seek", { room_id: code, position: seconds })}
                  disabled={!room.is_open}
                />
              ) : null}
              {activePanel === "polls" ? (
                <PollsPanel polls={polls} isHost={isHost} disabled={!room.is_open} emit={(e, p) => emit(e, p)} onPoll={putPoll} />
              ) : null}
              {activePanel === "questions" ? (
                <QuestionsPanel
                  questions={questions}
                  me={me}
                  isHost={isHost}
                  disabled={!room.is_open}
                  muted={mutedNotice}
                  emit={(e, p) => emit(e, p)}
                  onQuestions={setQuestions}
                />
              ) : null}
              {activePanel === "people" ? (
                <PeoplePanel
                  participants={participants}
                  hands={hands}
                  moderation={moderation}
                  me={me}
                  isHost={isHost}
                  emit={(e, p) => emit(e, p)}
                />
              ) : null}
            </div>
          </Card>
        </div>
      </div>
      <ConfirmDialog
        open={confirm !== null}
        onClose={() => setConfirm(null)}
        title={
          confirm === "close" ? t("rooms.header.close") : confirm === "leaveMeeting" ? t("rooms.meeting.leave") : t("rooms.header.leave")
        }
        description={
          confirm === "close"
            ? t("rooms.header.closeConfirm")
            : confirm === "leaveMeeting"
              ? t("rooms.meeting.leaveConfirm")
              : t("rooms.header.leaveConfirm")
        }
        confirmLabel={
          confirm === "close" ? t("rooms.header.close") : confirm === "leaveMeeting" ? t("rooms.meeting.leave") : t("rooms.header.leave")
        }
        confirmingLabel={confirm === "leaveMeeting" ? t("rooms.meeting.leaving") : t("rooms.header.closing")}
        danger={confirm === "close"}
        busy={busy}
        onConfirm={() => void act(confirm ?? "leave")}
      />
    </ReactionsProvider>
  );
}
