"use client";

import { useEffect, useState } from "react";
import { useI18n } from "@/lib/i18n/client";
import { apiFetch } from "@/lib/client/api";
import { renderMarkdown } from "@/lib/chat/markdown";
import type { ChatMessageJson } from "@/lib/chat/schemas";
import type { ChatBroadcasts } from "@/lib/chat/events";
import { Avatar } from "@/components/ui/Avatar";
import { Icon } from "@/components/ui/Icon";
import { Spinner } from "@/components/ui/Spinner";
import { useSocket } from "@/components/realtime/RealtimeProvider";
import type { ChatMe } from "./chat-utils";
import { SIDE_PANEL } from "./ThreadPanel";

/** A channel's pinned messages (GET /api/channels/{slug}/pins), kept live by `pin_updated`. */
export function PinsPanel({
  slug,
  me,
  onClose,
  onJump,
}: {
  slug: string;
  me: ChatMe;
  onClose: () => void;
  /** Show the message where it lives (the timeline, or its thread). */
  onJump: (m: ChatMessageJson) => void;
}) {
  const { t, formatDate } = useI18n();
  const socket = useSocket("/chat");
  const [pins, setPins] = useState<ChatMessageJson[] | null>(null);

  useEffect(() => {
    let active = true;
    void apiFetch<{ messages: ChatMessageJson[] }>(`/api/channels/${encodeURIComponent(slug)}/pins`).then((r) => {
      if (active) setPins(r.ok ? r.data.messages : []);
    });
    return () => {
      active = false;
    };
  }, [slug]);

  useEffect(() => {
    if (!socket) return;
    const onPin = (p: ChatBroadcasts["pin_updated"]) => {
      if (p.channel !== slug) return;
      const m = p.message;
      setPins((list) => {
        const rest = (list ?? []).filter((x) => x.id !== p.id);
        return p.pinned_at ? [m, ...rest] : rest;
      });
    };
    const onDeleted = (p: { id: string }) => setPins((list) => list?.filter((x) => x.id !== p.id) ?? list);
    socket.on("pin_updated", onPin);
    socket.on("message_deleted", onDeleted);
    return () => {
      socket.off("pin_updated", onPin);
      socket.off("message_deleted", onDeleted);
    };
  }, [socket, slug]);

  return (
    <aside className={SIDE_PANEL} aria-label={t("chat.pins.title")} data-testid="pins-panel">
      <div className="flex min-h-14 items-center gap-2 border-b border-border px-4">
        <h3 className="min-w-0 flex-1 font-semibold text-fg">{t("chat.pins.title")}</h3>
        <button type="button" className="grid size-11 place-items-center rounded-lg text-fg-muted hover:bg-surface-2" onClick={onClose}>
          <Icon name="close" size={18} label={t("chat.pins.close")} />
        </button>
      </div>
      <div className="min-h-0 flex-1 overflow-y-auto p-2">
        {pins === null ? (
          <div className="grid place-items-center p-6">
            <Spinner size="sm" />
          </div>
        ) : !pins.length ? (
          <p className="p-6 text-center text-sm text-fg-muted">{t("chat.pins.none")}</p>
        ) : (
          <ul className="flex flex-col gap-2">
            {pins.map((m) => (
              <li key={m.id} className="rounded-lg border border-border bg-surface p-3" data-testid="pinned-message">
                <p className="flex items-center gap-2 text-xs text-fg-muted">
                  <Avatar user={m.author} size="xs" />
                  <span className="truncate text-sm font-semibold text-fg">{m.author.name}</span>
                  <time dateTime={m.created_at}>{formatDate(m.created_at, "weekdayDateTime")}</time>
                </p>
                <div className="mt-1 line-clamp-4 text-sm break-words text-fg">
                  {m.content ? renderMarkdown(m.content, { me: me.username }) : null}
                </div>
                <button type="button" className="mt-1 text-xs font-medium text-accent underline" onClick={() => onJump(m)}>
                  {t("chat.pins.jump")}
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
    </aside>
  );
}
