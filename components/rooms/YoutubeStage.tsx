"use client";

import { emitAck } from "@/components/realtime/emit-ack";
import { useCallback, useEffect, useRef, useState, type FormEvent } from "react";
import YouTube, { type YouTubeEvent } from "react-youtube";
import { useSocket } from "@/components/realtime/RealtimeProvider";
import { useT } from "@/lib/i18n/client";
import type { YoutubeStateJson } from "@/lib/rooms/schemas";
import { formatTimecode } from "@/lib/rooms/timecode";
import { parseYouTubeUrl } from "@/lib/rooms/youtube-url";
import { YoutubeSyncClient, type PlayerLike, type SyncStatus } from "@/lib/rooms/youtube-sync-client";
import { Button } from "@/components/ui/Button";
import { EmptyState } from "@/components/ui/EmptyState";
import { Field, Input } from "@/components/ui/Field";
import { Icon } from "@/components/ui/Icon";
import { useToast } from "@/components/ui/Toast";
import { cx } from "@/lib/ui/cx";
import { Reactions, type TimelineReaction } from "./Reactions";
import { QueuePanel } from "./QueuePanel";
import type { QueueItemJson } from "@/lib/rooms/class-schemas";
import type { YoutubeStateWithQueue } from "@/lib/rooms/events";
import type { ClientEventName, Payload } from "@/lib/realtime/contract";
import { ackErrorText } from "@/components/realtime/emit-ack";

type StateWithQueue = YoutubeStateWithQueue;
type RoomEvent = Exclude<ClientEventName<"/youtube">, "time_sync">;
/** After we drive the player ourselves, its state events are ours, not the viewer's. */
const OWN_EVENT_WINDOW_MS = 1200;
const PLAYER_TIMEOUT_MS = 8000;

/**
 * The synced YouTube player. The server holds the truth (lib/rooms/youtube-state.ts); this applies
 * it through YoutubeSyncClient, turns the viewer's own play/pause/seek into room actions when the
 * room's controls allow, and otherwise pauses for this viewer only.
 */
export function YoutubeStage({
  code,
  me,
  canControl,
  onPlayerTime,
}: {
  code: string;
  me: string;
  canControl: boolean;
  /** Lets the notes panel stamp notes with the local player's time. */
  onPlayerTime: (get: () => number | undefined) => void;
}) {
  const t = useT();
  const toast = useToast();
  const socket = useSocket("/youtube");
  const [state, setState] = useState<YoutubeStateJson | null>(null);
  const [status, setStatus] = useState<SyncStatus>({ state: "no_video", seconds: 0 });
  const [playerFailed, setPlayerFailed] = useState(false);
  const [url, setUrl] = useState("");
  const [urlError, setUrlError] = useState<string | null>(null);
  const [loading, setLoading] = useState<"load" | "queue" | false>(false);
  // The queue and skip votes follow every youtube_state, also those that change no playback (a skip vote).
  const [queue, setQueue] = useState<{ queue: QueueItemJson[]; skipVotes: number }>({ queue: [], skipVotes: 0 });
  const [duration, setDuration] = useState(0);
  const [, setTick] = useState(0);
  const clientRef = useRef<YoutubeSyncClient | null>(null);
  const playerRef = useRef<(PlayerLike & { getDuration(): number }) | null>(null);
  const ownUntil = useRef(0);
  const pendingState = useRef<YoutubeStateJson | null>(null);

  const emit = useCallback(
    async <E extends RoomEvent>(event: E, payload: Omit<Payload<"/youtube", E>, "room_id">) => {
      return emitAck(socket, event, { room_id: code, ...payload } as Payload<"/youtube", E>);
    },
    [socket, code],
  );

  const applyState = useCallback((next: StateWithQueue) => {
    if (next.queue) setQueue({ queue: next.queue, skipVotes: next.skip_votes ?? 0 });
    setState((prev) => (prev && next.version <= prev.version ? prev : next));
    const client = clientRef.current;
    if (client) {
      ownUntil.current = Date.now() + OWN_EVENT_WINDOW_MS;
      client.apply(next);
    } else pendingState.current = next;
  }, []);

  // Join /youtube, follow youtube_state, estimate the clock offset.
  useEffect(() => {
    if (!socket) return;
    const join = async () => {
      const ack = await emit("join_room", {});
      if (ack?.success) applyState(ack.state);
      const sentAt = Date.now();
      const sync = await emitAck(socket, "time_sync", {}, 5000);
      if (sync?.success && sync.server_now) clientRef.current?.recordClockSample(sentAt, sync.server_now, Date.now());
    };
    const onState = (p: StateWithQueue) => p.room_id === code && applyState(p);
    socket.on("youtube_state", onState);
    socket.on("connect", join);
    if (socket.connected) void join();
    return () => {
      socket.off("youtube_state", onState);
      socket.off("connect", join);
    };
  }, [socket, code, emit, applyState]);

  // The iframe API needs youtube.com; offline it never becomes ready: say so, keep the room going.
  useEffect(() => {
    if (!state?.video_id || playerRef.current) return;
    const timer = setTimeout(() => !playerRef.current && setPlayerFailed(true), PLAYER_TIMEOUT_MS);
    return () => clearTimeout(timer);
  }, [state?.video_id]);

  // Drift correction twice a second; the indicator follows.
  useEffect(() => {
    const timer = setInterval(() => {
      const client = clientRef.current;
      if (client) setStatus(client.tick());
      else setTick((n) => n + 1); // keeps the textual room position moving without a player
    }, 500);
    return () => clearInterval(timer);
  }, []);

  useEffect(() => {
    onPlayerTime(() => {
      const player = playerRef.current;
      if (!player || !state?.video_id) return undefined;
      try {
        return Math.round(player.getCurrentTime() * 10) / 10;
      } catch {
        return undefined;
      }
    });
  }, [onPlayerTime, state?.video_id]);

  function onReady(e: YouTubeEvent) {
    const player = e.target as PlayerLike & { getDuration(): number };
    playerRef.current = player;
    setPlayerFailed(false);
    const client = new YoutubeSyncClient(player);
    clientRef.current = client;
    const initial = pendingState.current ?? state;
    if (initial) client.apply(initial);
  }

  /** The viewer used the player's own controls: make it the room's action, or a local pause. */
  function onPlayerState(e: YouTubeEvent<number>) {
    const client = clientRef.current;
    const player = playerRef.current;
    // Every viewer reports the end; the server advances the queue once (lib/rooms/video-queue.ts).
    if (e.data === 0 && state?.video_id)
      void emit("video_ended", { video_id: state.video_id }).then((a) => a?.success && applyState(a.state));
    if (!client || !player || !state?.video_id || Date.now() < ownUntil.current) return;
    if (e.data === 1 || e.data === 3) setDuration(player.getDuration() || 0);
    const position = player.getCurrentTime();
    if (e.data === 2 && state.playing) {
      if (canControl) void emit("pause", { position });
      else client.localPause = true;
    } else if (e.data === 1 && !state.playing) {
      if (canControl && !client.localPause) void emit("play", { position });
    } else if ((e.data === 1 || e.data === 3) && Math.abs(position - client.expectedPosition()) > 2.5 && canControl) {
      void emit("seek", { position });
    }
  }

  async function queueAction<E extends "move_queued" | "remove_queued" | "vote_skip">(
    event: E,
    payload: Omit<Payload<"/youtube", E>, "room_id">,
  ) {
    const ack = await emit(event, payload);
    if (ack?.success) applyState(ack.state);
    else toast({ tone: "error", title: ackErrorText(t, ack && !ack.success ? ack.code : "TIMEOUT") });
  }

  async function load(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    // "Play now" needs the controls; "Add to queue" is anyone's (Enter queues for those without controls).
    const submitter = (e.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const mode = submitter?.value === "queue" || !canControl ? "queue" : "load";
    if (!parseYouTubeUrl(url)) return setUrlError(t("rooms.youtube.invalid"));
    setLoading(mode);
    const ack = await emit(mode === "queue" ? "queue_video" : "load_video", { url });
    setLoading(false);
    if (ack?.success) {
      setUrl("");
      applyState(ack.state);
    } else
      setUrlError(
        ack && !ack.success && ack.code === "INVALID_VIDEO"
          ? t("rooms.youtube.invalid")
          : ackErrorText(t, ack && !ack.success ? ack.code : "TIMEOUT"),
      );
  }

  const expected =
    clientRef.current?.expectedPosition() ??
    (state ? (state.playing ? state.position + ((Date.now() - state.updated_at) / 1000) * state.rate : state.position) : 0);
  const indicator =
    status.state === "in_sync"
      ? { text: t("rooms.youtube.inSync"), tone: "text-success-soft-fg" }
      : status.state === "behind"
        ? { text: t("rooms.youtube.behind", { seconds: status.seconds }), tone: "text-warning-soft-fg" }
        : status.state === "ahead"
          ? { text: t("rooms.youtube.ahead", { seconds: status.seconds }), tone: "text-warning-soft-fg" }
          : status.state === "paused_locally"
            ? { text: t("rooms.youtube.pausedLocally"), tone: "text-fg-muted" }
            : null;

  return (
    <div className="flex flex-col gap-3">
      <form onSubmit={load} noValidate className="flex flex-col gap-2 sm:flex-row sm:items-start">
        <Field label={t("rooms.youtube.urlLabel")} error={urlError ?? undefined} className="flex-1">
          <Input
            value={url}
            name="video-url"
            placeholder={t("rooms.youtube.urlPlaceholder")}
            onChange={(ev) => {
              setUrl(ev.target.value);
              setUrlError(null);
            }}
          />
        </Field>
        <div className="flex gap-2 sm:mt-7">
          <Button
            type="submit"
            name="action"
            value="queue"
            variant={canControl ? "secondary" : "primary"}
            className="flex-1 sm:flex-none"
            loading={loading === "queue"}
            loadingText={t("rooms.queue.adding")}
            icon="plus"
          >
            {t("rooms.queue.add")}
          </Button>
          {canControl ? (
            <Button
              type="submit"
              name="action"
              value="load"
              variant="secondary"
              className="flex-1 sm:flex-none"
              loading={loading === "load"}
              loadingText={t("rooms.youtube.loading")}
              icon="play"
            >
              {t("rooms.queue.playNow")}
            </Button>
          ) : null}
        </div>
      </form>
      {canControl ? null : <p className="text-sm text-fg-muted">{t("rooms.youtube.hostOnly")}</p>}

      <div className="grid gap-3 xl:grid-cols-[minmax(0,1fr)_15rem]">
        <div className="relative self-start overflow-hidden rounded-xl bg-black" data-testid="youtube-stage">
          {/* On a phone the 16:9 box is too short for the unavailable-player message: it grows. */}
          <div className={cx("aspect-video w-full", state?.video_id && playerFailed ? "max-sm:min-h-80" : null)}>
            {state?.video_id ? (
              <YouTube
                videoId={state.video_id}
                className="size-full"
                iframeClassName="size-full"
                opts={{ playerVars: { controls: 1, rel: 0, modestbranding: 1, playsinline: 1 } }}
                onReady={onReady}
                onStateChange={onPlayerState}
                onError={() => setPlayerFailed(true)}
              />
            ) : (
              <div className="grid size-full place-items-center bg-surface-2">
                <EmptyState level={2} icon="play" title={t("rooms.youtube.noVideo")} description={t("rooms.youtube.noVideoBody")} />
              </div>
            )}
          </div>
          {state?.video_id && playerFailed ? (
            <div
              className="absolute inset-0 grid place-items-center bg-zinc-950/90 p-4 text-center text-zinc-100 sm:p-6"
              data-testid="player-unavailable"
            >
              <div className="max-w-md">
                <Icon name="wifiOff" size={28} className="mx-auto mb-3 opacity-80" />
                {/* Without the player there is no title to show: the video's own address names it. */}
                <p className="mb-3 text-sm font-medium" data-testid="loaded-video">
                  {t("rooms.youtube.loaded")}{" "}
                  <a
                    href={`https://www.youtube.com/watch?v=${state.video_id}`}
                    target="_blank"
                    rel="noopener noreferrer"
                    className="font-mono break-all text-white underline underline-offset-2"
                  >
                    youtu.be/{state.video_id}
                  </a>
                </p>
                <p className="text-sm leading-relaxed">{t("rooms.youtube.unavailable")}</p>
                <p className="mt-3 font-mono text-sm opacity-80">
                  <span aria-hidden="true">{state.playing ? "▶" : "❚❚"}</span>{" "}
                  {state.playing ? t("rooms.youtube.playing") : t("rooms.youtube.paused")} ·{" "}
                  {t("rooms.youtube.position", { time: formatTimecode(expected) })}
                </p>
              </div>
            </div>
          ) : null}
          <Reactions videoTime={state?.video_id ? expected : undefined} duration={duration} videoId={state?.video_id ?? null} />
        </div>
        <QueuePanel
          queue={queue.queue}
          skipVotes={queue.skipVotes}
          hasVideo={!!state?.video_id}
          me={me}
          canControl={canControl}
          onMove={(item_id, index) => void queueAction("move_queued", { item_id, index })}
          onRemove={(item_id) => void queueAction("remove_queued", { item_id })}
          onSkip={() => void queueAction("vote_skip", {})}
        />
      </div>

      {state?.video_id ? (
        <div className="flex flex-wrap items-center gap-3 text-sm">
          {indicator ? (
            <span className={cx("inline-flex items-center gap-1.5 font-medium", indicator.tone)} data-testid="sync-indicator">
              <span className="size-2 rounded-full bg-current" aria-hidden />
              {indicator.text}
            </span>
          ) : null}
          {/* The unavailable-player overlay shows the position already. */}
          {playerFailed ? null : (
            <span className="font-mono text-fg-muted">{t("rooms.youtube.position", { time: formatTimecode(expected) })}</span>
          )}
          <span className="ml-auto flex gap-2">
            {status.state === "paused_locally" ? (
              <Button size="sm" variant="secondary" onClick={() => clientRef.current?.resume()}>
                {t("rooms.youtube.resume")}
              </Button>
            ) : clientRef.current ? (
              <Button
                size="sm"
                variant="ghost"
                onClick={() => {
                  const client = clientRef.current;
                  if (!client) return;
                  ownUntil.current = Date.now() + OWN_EVENT_WINDOW_MS;
                  client.localPause = true;
                  playerRef.current?.pauseVideo();
                }}
              >
                {t("rooms.youtube.pauseForMe")}
              </Button>
            ) : null}
          </span>
        </div>
      ) : null}
    </div>
  );
}

export type { TimelineReaction };
