"use client";

import { useEffect, useLayoutEffect, useRef, useState } from "react";
import { useI18n } from "@/lib/i18n/client";
import type { UserSummary } from "@/lib/accounts/schemas";
import type { ChatMessageJson } from "@/lib/chat/schemas";
import { Icon } from "@/components/ui/Icon";
import { Spinner } from "@/components/ui/Spinner";
import { OutboxEntry } from "./OutboxEntry";
import type { ChatEmit } from "./use-thread";
import type { ChatMe } from "./chat-utils";
import { Composer } from "./Composer";
import { MessageItem } from "./MessageItem";
import { useReplies } from "./use-replies";

/** Shared by the thread and pins panels: beside the messages on wide screens, the whole screen on phones. */
export const SIDE_PANEL =
  "flex min-h-0 flex-col bg-surface max-md:fixed max-md:inset-0 max-md:z-40 md:w-96 md:shrink-0 md:border-l md:border-border";

/**
 * A thread in a side panel: its root, its replies (live: new ones, edits, deletions, reactions),
 * and a composer that replies in it. Reading the newest reply moves the follower's marker.
 */
export function ThreadPanel({
  rootId,
  slug,
  channelName,
  me,
  highlight,
  isOwner,
  emit,
  lookup,
  onClose,
}: {
  rootId: string;
  slug: string;
  channelName: string;
  me: ChatMe;
  highlight: string | null;
  isOwner: boolean;
  emit: ChatEmit;
  lookup: (userId: string) => UserSummary | undefined;
  onClose: () => void;
}) {
  const { t, plural } = useI18n();
  const thread = useReplies(rootId, slug, emit);
  const listRef = useRef<HTMLDivElement>(null);
  const stick = useRef(true);
  const closeRef = useRef<HTMLButtonElement>(null);
  const [lit, setLit] = useState(highlight);
  const { root, replies, phase } = thread;

  useEffect(() => closeRef.current?.focus(), [rootId]);
  useEffect(() => {
    if (!lit) return;
    const timer = setTimeout(() => setLit(null), 4000);
    return () => clearTimeout(timer);
  }, [lit]);

  useLayoutEffect(() => {
    const el = listRef.current;
    if (!el) return;
    const target = lit ? el.querySelector(`[data-message-id="${CSS.escape(lit)}"]`) : null;
    if (target) target.scrollIntoView({ block: "center" });
    else if (stick.current) el.scrollTop = el.scrollHeight;
  }, [replies.length, thread.outbox.length, lit, phase.kind]);

  // The newest reply on screen in a focused window is read (a follower's marker; nothing for others).
  const newest = replies.at(-1);
  const marked = useRef<string | null>(null);
  useEffect(() => {
    if (!newest || phase.kind !== "ready") return;
    const mark = () => {
      if (document.hidden || !document.hasFocus() || marked.current === newest.id) return;
      marked.current = newest.id;
      void emit("mark_read", { channel: slug, message_id: newest.id });
    };
    mark();
    window.addEventListener("focus", mark);
    return () => window.removeEventListener("focus", mark);
  }, [newest, phase.kind, emit, slug]);

  const canDelete = (m: ChatMessageJson) => m.from === me.id || isOwner;
  return (
    <aside className={SIDE_PANEL} aria-label={t("chat.replies.title")} data-testid="thread-panel">
      <div className="flex min-h-14 items-center gap-2 border-b border-border px-4">
        <div className="min-w-0 flex-1">
          <h3 className="font-semibold text-fg">{t("chat.replies.title")}</h3>
          <p className="truncate text-xs text-fg-muted">{t("chat.replies.inChannel", { channel: channelName })}</p>
        </div>
        <button
          ref={closeRef}
          type="button"
          className="grid size-11 place-items-center rounded-lg text-fg-muted hover:bg-surface-2"
          onClick={onClose}
          data-testid="close-thread"
        >
          <Icon name="close" size={18} label={t("chat.replies.close")} />
        </button>
      </div>
      <div
        ref={listRef}
        onScroll={() => {
          const el = listRef.current;
          if (el) stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < 80;
        }}
        className="min-h-0 flex-1 overflow-y-auto px-2 py-3"
        role="region"
        aria-label={t("chat.replies.title")}
        tabIndex={0}
      >
        {phase.kind === "loading" ? (
          <div className="grid h-full place-items-center">
            <Spinner label={t("chat.replies.loading")} />
          </div>
        ) : phase.kind === "error" || !root ? (
          <p className="p-6 text-center text-sm text-fg-muted" role="alert">
            {phase.kind === "error" && phase.code === "FORBIDDEN" ? t("chat.thread.forbidden") : t("chat.replies.error")}
          </p>
        ) : (
          <ol className="flex flex-col">
            <MessageItem
              message={root}
              me={me}
              grouped={false}
              highlighted={lit === root.id}
              direct={false}
              canDelete={canDelete(root)}
              emit={emit}
              patch={thread.patch}
            />
            <li className="my-2 flex items-center gap-3 px-2 text-xs font-medium text-fg-muted" data-testid="thread-reply-count">
              <span>{root.reply_count ? plural("chat.replies.count", root.reply_count) : t("chat.replies.empty")}</span>
              <span className="h-px flex-1 bg-border" aria-hidden />
            </li>
            {replies.map((m, i) => {
              const prev = i ? replies[i - 1] : undefined;
              const grouped =
                !!prev &&
                prev.from === m.from &&
                !prev.deleted &&
                new Date(m.created_at).getTime() - new Date(prev.created_at).getTime() < 5 * 60_000;
              return (
                <MessageItem
                  key={m.id}
                  message={m}
                  me={me}
                  grouped={grouped}
                  highlighted={lit === m.id}
                  direct={false}
                  canDelete={canDelete(m)}
                  emit={emit}
                  patch={thread.patch}
                  canPin={isOwner || !!me.is_admin}
                  lookup={lookup}
                />
              );
            })}
            {thread.outbox.map((o) => (
              <OutboxEntry key={o.client_id} item={o} onRetry={() => void thread.retry(o)} onDiscard={() => thread.discard(o.client_id)} />
            ))}
          </ol>
        )}
      </div>
      {root && !root.deleted ? (
        <Composer
          id="thread-composer"
          windowFiles={false}
          name={t("chat.replies.composer")}
          placeholder={t("chat.replies.placeholder")}
          disabled={phase.kind !== "ready"}
          onSend={(content, attachment) => {
            stick.current = true;
            thread.send(content, attachment);
          }}
        />
      ) : root?.deleted ? (
        <p className="border-t border-border p-3 text-center text-xs text-fg-muted">{t("chat.replies.rootDeleted")}</p>
      ) : null}
    </aside>
  );
}
