"use client";

import { emitAck } from "@/components/realtime/emit-ack";
import type { Broadcasts } from "@/lib/realtime/contract";
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { useSocket } from "@/components/realtime/RealtimeProvider";
import { useToast } from "@/components/ui/Toast";
import { useT } from "@/lib/i18n/client";
import { formatTimecode } from "@/lib/rooms/timecode";

export interface TimelineReaction {
  emoji: string;
  video_time: number;
}
interface Flying {
  id: number;
  emoji: string;
  left: number;
  /** ms: the reactions of one tick take off spread over it, not all in one frame. */
  delay: number;
}
interface ReactionsValue {
  flying: Flying[];
  timeline: TimelineReaction[];
  timelineVideo: string | null;
  react: (emoji: string) => void;
}

const EMOJIS = ["👍", "❤️", "😂", "🎉", "👏", "😮", "🤔"];
/** On screen at once: a room-wide storm still animates, without thousands of nodes. */
const MAX_FLYING = 60;
const FLIGHT_MS = 2600;
const TICK_SPREAD_MS = 100;
/** As many as the server gives a late joiner. */
const TIMELINE_MAX = 5000;
const Ctx = createContext<ReactionsValue | null>(null);

/** /reactions for one room: what flies across the screen, and where the room reacted. */
export function ReactionsProvider({ code, children }: { code: string; children: ReactNode }) {
  const socket = useSocket("/reactions");
  const t = useT();
  const toast = useToast();
  const [flying, setFlying] = useState<Flying[]>([]);
  const [timeline, setTimeline] = useState<TimelineReaction[]>([]);
  const [timelineVideo, setTimelineVideo] = useState<string | null>(null);
  const seq = useRef(0);

  useEffect(() => {
    if (!socket) return;
    const join = async () => {
      const ack = await emitAck(socket, "join_room", { room_id: code });
      if (ack?.success) {
        setTimeline(ack.timeline.reactions);
        setTimelineVideo(ack.timeline.video_id);
      }
    };
    const onReaction = (p: Broadcasts["/reactions"]["reaction"]) => {
      if (p.room_id !== code) return;
      // A tick's batch (a server that sends one reaction per event has none: it is its own batch).
      const groups = p.batch ?? [{ emoji: p.emoji, count: 1, user_ids: [p.user.id], video_time: p.video_time }];
      const fresh: Flying[] = [];
      for (const g of groups) {
        for (let i = 0; i < g.count && fresh.length < MAX_FLYING; i++) {
          fresh.push({
            id: ++seq.current,
            emoji: g.emoji,
            left: 8 + Math.random() * 84,
            delay: Math.round(Math.random() * TICK_SPREAD_MS),
          });
        }
      }
      const ids = new Set(fresh.map((f) => f.id));
      setFlying((list) => [...list, ...fresh].slice(-MAX_FLYING));
      setTimeout(() => setFlying((list) => list.filter((f) => !ids.has(f.id))), FLIGHT_MS + TICK_SPREAD_MS);
      const marks = groups.flatMap((g) =>
        g.video_time === undefined ? [] : Array.from({ length: g.count }, () => ({ emoji: g.emoji, video_time: g.video_time! })),
      );
      if (marks.length) setTimeline((list) => [...list, ...marks].slice(-TIMELINE_MAX));
    };
    socket.on("reaction", onReaction);
    socket.on("connect", join);
    if (socket.connected) void join();
    return () => {
      socket.off("reaction", onReaction);
      socket.off("connect", join);
    };
  }, [socket, code]);

  const react = useCallback(
    (emoji: string) => {
      if (!socket) return;
      void emitAck(socket, "react", { room_id: code, emoji }, 5000).then((ack) => {
        if (ack && !ack.success && ack.code === "RATE_LIMITED") toast({ tone: "info", title: t("rooms.reactions.tooFast") });
      });
    },
    [socket, code, toast, t],
  );

  const value = useMemo(() => ({ flying, timeline, timelineVideo, react }), [flying, timeline, timelineVideo, react]);
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

function useReactions(): ReactionsValue {
  const v = useContext(Ctx);
  if (!v) throw new Error("inside ReactionsProvider only");
  return v;
}

/** Over the stage: emoji rising from the bottom, and the timeline strip along the video. */
export function Reactions({ videoTime, duration = 0, videoId = null }: { videoTime?: number; duration?: number; videoId?: string | null }) {
  const t = useT();
  const { flying, timeline, timelineVideo } = useReactions();
  const span = Math.max(duration, ...timeline.map((r) => r.video_time + 10), (videoTime ?? 0) + 30);
  const markers = videoId && timelineVideo === videoId ? timeline.slice(-400) : [];
  return (
    <>
      <div className="pointer-events-none absolute inset-0 overflow-hidden" aria-hidden>
        {flying.map((f) => (
          <span
            key={f.id}
            className="absolute bottom-6 animate-[reaction-rise_2.6s_ease-out_both] text-4xl drop-shadow"
            style={{ left: `${f.left}%`, animationDelay: `${f.delay}ms` }}
            data-testid="flying-reaction"
          >
            {f.emoji}
          </span>
        ))}
      </div>
      {videoId ? (
        <div
          className="absolute inset-x-0 bottom-0 h-2 bg-white/10"
          role="img"
          aria-label={t("rooms.reactions.timeline")}
          data-testid="reaction-timeline"
        >
          {markers.map((r, i) => (
            <span
              key={i}
              title={`${r.emoji} ${formatTimecode(r.video_time)}`}
              className="absolute bottom-0 h-2 w-1 -translate-x-1/2 rounded-sm bg-amber-400/80"
              style={{ left: `${Math.min(100, (r.video_time / span) * 100)}%` }}
            />
          ))}
          {videoTime !== undefined ? (
            <span className="absolute -top-1 bottom-0 w-0.5 bg-white" style={{ left: `${Math.min(100, (videoTime / span) * 100)}%` }} />
          ) : null}
        </div>
      ) : null}
    </>
  );
}

/** The emoji buttons. */
export function ReactionBar({ disabled }: { disabled?: boolean }) {
  const t = useT();
  const { react } = useReactions();
  return (
    <div className="flex flex-wrap items-center gap-1" role="group" aria-label={t("rooms.reactions.label")}>
      {EMOJIS.map((emoji) => (
        <button
          key={emoji}
          type="button"
          disabled={disabled}
          onClick={() => react(emoji)}
          aria-label={t("rooms.reactions.send", { emoji })}
          className="grid size-11 place-items-center rounded-full text-xl transition hover:scale-110 hover:bg-surface-3 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-accent disabled:opacity-40 sm:size-10"
        >
          {emoji}
        </button>
      ))}
    </div>
  );
}
