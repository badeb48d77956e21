"use client";

import { emitAck } from "@/components/realtime/emit-ack";
import type { ClientEventName, Payload } from "@/lib/realtime/contract";
import type { PhotosStateJson } from "@/lib/rooms/events";
import { useCallback, useEffect, useState } from "react";
import { useSocket } from "@/components/realtime/RealtimeProvider";
import { UploadDropzone } from "@/components/uploads/UploadDropzone";
import { EmptyState } from "@/components/ui/EmptyState";
import { Icon } from "@/components/ui/Icon";
import { useToast } from "@/components/ui/Toast";
import { useT } from "@/lib/i18n/client";
import { cx } from "@/lib/ui/cx";
import { ackErrorText } from "@/components/realtime/emit-ack";
import { Reactions } from "./Reactions";

type PhotosState = PhotosStateJson;
type PhotoEvent = Exclude<ClientEventName<"/photos">, "join_room">;

/** The shared slideshow: everyone sees the same photo; late joiners get the state on joining. */
export function PhotosStage({ code, canControl }: { code: string; canControl: boolean }) {
  const t = useT();
  const toast = useToast();
  const socket = useSocket("/photos");
  const [state, setState] = useState<PhotosState | null>(null);

  const emit = useCallback(
    async <E extends PhotoEvent>(event: E, payload: Omit<Payload<"/photos", E>, "room_id">) => {
      if (!socket) return;
      const ack = await emitAck(socket, event, { room_id: code, ...payload } as Payload<"/photos", E>);
      if (ack?.success) setState(ack.state);
      else toast({ tone: "error", title: ackErrorText(t, ack && !ack.success ? ack.code : "TIMEOUT") });
    },
    [socket, code, toast, t],
  );

  useEffect(() => {
    if (!socket) return;
    const join = async () => {
      const ack = await emitAck(socket, "join_room", { room_id: code });
      if (ack?.success) setState(ack.state);
    };
    const onState = (p: PhotosState) => p.room_id === code && setState(p);
    socket.on("photos_state", onState);
    socket.on("connect", join);
    if (socket.connected) void join();
    return () => {
      socket.off("photos_state", onState);
      socket.off("connect", join);
    };
  }, [socket, code]);

  // Arrow keys step through, unless the viewer is typing somewhere.
  useEffect(() => {
    if (!canControl) return;
    const onKey = (e: KeyboardEvent) => {
      const el = e.target as HTMLElement | null;
      if (el && (el.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(el.tagName))) return;
      if (e.key === "ArrowRight") void emit("next_photo", {});
      if (e.key === "ArrowLeft") void emit("previous_photo", {});
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [canControl, emit]);

  const queue = state?.queue ?? [];
  const index = queue.findIndex((p) => p.id === state?.current_id);
  const current = index >= 0 ? queue[index] : undefined;

  return (
    <div className="flex flex-col gap-3">
      <div className="relative grid aspect-video place-items-center overflow-hidden rounded-xl bg-surface-3" data-testid="photo-stage">
        {current ? (
          // eslint-disable-next-line @next/next/no-img-element -- served by our own authenticated route, not optimisable
          <img
            src={current.url}
            alt=""
            width={current.width}
            height={current.height}
            className="max-h-full max-w-full object-contain"
            data-photo-id={current.id}
          />
        ) : (
          <EmptyState level={2} icon="image" title={t("rooms.photos.empty")} description={t("rooms.photos.emptyBody")} />
        )}
        {queue.length > 0 ? (
          <>
            <button
              type="button"
              onClick={() => void emit("previous_photo", {})}
              disabled={!canControl || index <= 0}
              aria-label={t("rooms.photos.previous")}
              className="absolute left-2 top-1/2 grid size-11 -translate-y-1/2 place-items-center rounded-full bg-black/50 text-white hover:bg-black/70 disabled:opacity-30"
            >
              <Icon name="chevronRight" className="rotate-180" />
            </button>
            <button
              type="button"
              onClick={() => void emit("next_photo", {})}
              disabled={!canControl || index >= queue.length - 1}
              aria-label={t("rooms.photos.next")}
              className="absolute right-2 top-1/2 grid size-11 -translate-y-1/2 place-items-center rounded-full bg-black/50 text-white hover:bg-black/70 disabled:opacity-30"
            >
              <Icon name="chevronRight" />
            </button>
            <span
              className="absolute bottom-2 right-3 rounded-full bg-black/60 px-2.5 py-0.5 text-xs font-medium text-white"
              data-testid="photo-counter"
            >
              {t("rooms.photos.counter", { index: index + 1, total: queue.length })}
            </span>
          </>
        ) : null}
        {/* The room's reactions fly over the slideshow as they do over the video. */}
        <Reactions />
      </div>

      {!canControl ? <p className="text-sm text-fg-muted">{t("rooms.photos.hostOnly")}</p> : null}

      {queue.length > 0 ? (
        <ol className="flex gap-2 overflow-x-auto pb-1" aria-label={t("rooms.photos.queue")} data-testid="photo-queue">
          {queue.map((p, i) => (
            <li key={p.id} className="group relative shrink-0">
              <button
                type="button"
                onClick={() => void emit("show_photo", { photo_id: p.id })}
                disabled={!canControl}
                aria-label={t("rooms.photos.show")}
                aria-current={p.id === state?.current_id || undefined}
                className={cx(
                  "block size-20 overflow-hidden rounded-lg border-2 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-accent",
                  p.id === state?.current_id ? "border-accent" : "border-transparent opacity-80 hover:opacity-100",
                )}
              >
                {/* eslint-disable-next-line @next/next/no-img-element -- authenticated thumbnail route */}
                <img src={p.thumb_url} alt="" className="size-full object-cover" loading="lazy" />
              </button>
              {canControl ? (
                <div className="absolute inset-x-0 bottom-0 flex justify-between gap-0.5 p-0.5 opacity-0 transition group-hover:opacity-100 group-focus-within:opacity-100">
                  <button
                    type="button"
                    className="grid size-6 place-items-center rounded bg-black/60 text-white"
                    aria-label={t("rooms.photos.moveLeft")}
                    onClick={() => void emit("move_photo", { photo_id: p.id, to_index: Math.max(0, i - 1) })}
                  >
                    ‹
                  </button>
                  <button
                    type="button"
                    className="grid size-6 place-items-center rounded bg-black/60 text-white"
                    aria-label={t("rooms.photos.remove")}
                    onClick={() => void emit("remove_photo", { photo_id: p.id })}
                  >
                    <Icon name="trash" size={14} />
                  </button>
                  <button
                    type="button"
                    className="grid size-6 place-items-center rounded bg-black/60 text-white"
                    aria-label={t("rooms.photos.moveRight")}
                    onClick={() => void emit("move_photo", { photo_id: p.id, to_index: i + 1 })}
                  >
                    ›
                  </button>
                </div>
              ) : null}
            </li>
          ))}
        </ol>
      ) : null}

      <UploadDropzone
        purpose="photo"
        roomId={code}
        multiple
        compact
        buttonLabel={t("rooms.photos.add")}
        onUploaded={(u) => void emit("add_photo", { upload_id: u.id })}
      />
    </div>
  );
}
