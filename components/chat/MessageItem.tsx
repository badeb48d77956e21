"use client";

import { useMemo, useState, type KeyboardEvent } from "react";
import { useI18n } from "@/lib/i18n/client";
import { renderMarkdown } from "@/lib/chat/markdown";
import type { ChatMessageJson } from "@/lib/chat/schemas";
import { cx } from "@/lib/ui/cx";
import { Avatar } from "@/components/ui/Avatar";
import { ConfirmDialog } from "@/components/ui/Dialog";
import { Icon } from "@/components/ui/Icon";
import type { ChatMe } from "./chat-utils";
import type { ChatEmit } from "./use-thread";
import { ackErrorText } from "@/components/realtime/emit-ack";
import { ReportDialog } from "@/components/admin/ReportDialog";
import { apiFetch } from "@/lib/client/api";
import type { UserSummary } from "@/lib/accounts/schemas";

const QUICK_REACTIONS = ["👍", "❤️", "😂", "🎉", "😮", "🙏"];

/** One message: author, time, Markdown body or deleted placeholder, media, reactions, receipts, actions. */
export function MessageItem({
  message: m,
  me,
  grouped,
  highlighted,
  direct,
  canDelete,
  emit,
  patch,
  onOpenThread,
  canPin = false,
  lookup,
}: {
  message: ChatMessageJson;
  me: ChatMe;
  grouped: boolean;
  highlighted: boolean;
  direct: boolean;
  canDelete: boolean;
  emit: ChatEmit;
  patch: (id: string, change: Partial<ChatMessageJson>) => void;
  /** Channel timeline messages: open (or start) their thread. */
  onOpenThread?: () => void;
  /** The channel's owner or a moderator. */
  canPin?: boolean;
  /** Names and avatars of the people the page knows (the repliers under a root). */
  lookup?: (userId: string) => UserSummary | undefined;
}) {
  const { t, plural, formatDate, formatRelative } = useI18n();
  const [editing, setEditing] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<"ask" | "busy" | null>(null);
  const [picker, setPicker] = useState(false);
  const [reporting, setReporting] = useState(false);
  const mine = m.from === me.id;
  // Parsed once per content: the list re-renders on every event (status ticks, reactions, typing).
  const body = useMemo(() => (m.content ? renderMarkdown(m.content, { me: me.username }) : null), [m.content, me.username]);

  async function saveEdit() {
    const content = editing?.trim();
    if (!content) return;
    if (content === m.content) return setEditing(null);
    const ack = await emit("edit_message", { id: m.id, content });
    if (!ack.success) return setError(ackErrorText(t, ack.code));
    patch(m.id, { content: ack.message.content, edited_at: ack.message.edited_at });
    setEditing(null);
    setError(null);
  }
  async function react(emoji: string) {
    setPicker(false);
    const ack = await emit("react", { id: m.id, emoji });
    if (ack.success) patch(m.id, { reactions: ack.reactions });
    else setError(ackErrorText(t, ack.code));
  }
  async function togglePin() {
    const pinned = !m.pinned_at;
    const r = await apiFetch<{ message: ChatMessageJson }>(`/api/messages/${encodeURIComponent(m.id)}/pin`, {
      method: pinned ? "POST" : "DELETE",
    });
    if (r.ok) patch(m.id, { pinned_at: r.data.message.pinned_at, pinned_by: r.data.message.pinned_by });
    else setError(t("chat.pins.failed", { error: ackErrorText(t, r.error?.code) }));
  }
  function onEditKey(e: KeyboardEvent<HTMLTextAreaElement>) {
    if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      void saveEdit();
    } else if (e.key === "Escape") {
      e.preventDefault();
      setEditing(null);
    }
  }

  const authorName = m.from === "deleted" ? t("chat.thread.deletedUser") : m.author.name;
  const time = (
    <time dateTime={m.created_at} title={formatDate(m.created_at, "weekdayDateTime")}>
      {formatDate(m.created_at, "time")}
    </time>
  );
  return (
    <li
      data-message-id={m.id}
      data-testid="chat-message"
      className={cx(
        "group relative flex gap-3 rounded-lg px-2 transition-colors hover:bg-surface-2/60",
        grouped ? "py-0.5" : "mt-2 py-1",
        highlighted && "bg-warning-soft/70 ring-2 ring-warning/40",
      )}
    >
      <div className="w-8 shrink-0">{grouped ? null : <Avatar user={m.author} size="sm" />}</div>
      <div className="min-w-0 flex-1">
        {grouped ? null : (
          <p className="flex items-baseline gap-2 text-xs text-fg-muted">
            <span className="text-sm font-semibold text-fg">{authorName}</span>
            {time}
            {m.pinned_at && !m.deleted ? <PinnedMark /> : null}
          </p>
        )}
        {m.deleted ? (
          <p className="text-sm text-fg-subtle italic" data-testid="message-deleted">
            {t("chat.thread.deleted")}
          </p>
        ) : editing !== null ? (
          <div className="mt-1">
            <label className="sr-only" htmlFor={`edit-${m.id}`}>
              {t("chat.message.editLabel")}
            </label>
            <textarea
              id={`edit-${m.id}`}
              autoFocus
              value={editing}
              onChange={(e) => setEditing(e.target.value)}
              onKeyDown={onEditKey}
              rows={Math.min(6, editing.split("\n").length + 1)}
              className="w-full resize-none rounded-lg border border-border-strong bg-surface px-3 py-2 text-sm text-fg focus-visible:border-accent focus-visible:ring-2 focus-visible:ring-accent/40 focus-visible:outline-none"
            />
            <p className="flex items-center gap-3 text-xs text-fg-muted">
              {t("chat.message.editHint")}
              <button type="button" className="font-medium text-accent underline" onClick={() => void saveEdit()}>
                {t("chat.message.save")}
              </button>
              <button type="button" className="font-medium underline" onClick={() => setEditing(null)}>
                {t("chat.message.cancel")}
              </button>
            </p>
          </div>
        ) : (
          // A paragraph followed by "(edited)" runs inline, so the mark ends its last line instead of taking one.
          <div className="text-sm break-words text-fg [&>p:has(+[data-edited])]:inline" data-testid="message-body">
            {body}
            {m.edited_at ? (
              <span
                className="ml-1 text-xs whitespace-nowrap text-fg-subtle"
                data-edited
                title={formatDate(m.edited_at, "weekdayDateTime")}
              >
                {t("chat.thread.edited")}
              </span>
            ) : null}
          </div>
        )}
        {grouped && m.pinned_at && !m.deleted ? <PinnedMark /> : null}
        {!m.deleted && m.attachment ? <AttachmentView attachment={m.attachment} /> : null}
        {error ? (
          <p className="text-xs text-danger" role="alert">
            {error}
          </p>
        ) : null}
        {!m.deleted && (m.reactions.length || picker) ? (
          <div className="mt-1 flex flex-wrap gap-1">
            {m.reactions.map((r) => (
              <button
                key={r.emoji}
                type="button"
                onClick={() => void react(r.emoji)}
                aria-pressed={r.user_ids.includes(me.id)}
                aria-label={plural("chat.message.reactionBy", r.count, { emoji: r.emoji })}
                className={cx(
                  "inline-flex h-7 items-center gap-1 rounded-full border px-2 text-xs",
                  r.user_ids.includes(me.id)
                    ? "border-accent bg-accent-soft text-accent-soft-fg"
                    : "border-border bg-surface text-fg-muted hover:border-border-strong",
                )}
              >
                <span>{r.emoji}</span>
                <span className="font-medium">{r.count}</span>
              </button>
            ))}
            {picker
              ? QUICK_REACTIONS.map((e) => (
                  <button
                    key={e}
                    type="button"
                    onClick={() => void react(e)}
                    className="grid h-7 w-8 place-items-center rounded-full hover:bg-surface-3"
                    aria-label={t("chat.message.reactWith", { emoji: e })}
                  >
                    {e}
                  </button>
                ))
              : null}
          </div>
        ) : null}
        {direct && mine && !m.deleted ? <Ticks status={m.status} /> : null}
        {onOpenThread && m.reply_count > 0 ? (
          <button
            type="button"
            onClick={onOpenThread}
            className="mt-1 flex max-w-full items-center gap-2 rounded-lg border border-transparent px-1 py-0.5 text-xs hover:border-border hover:bg-surface"
            data-testid="thread-summary"
          >
            <span className="flex -space-x-1.5" aria-hidden>
              {m.reply_user_ids
                .slice(0, 4)
                .map((id) => lookup?.(id))
                .filter((u): u is UserSummary => !!u)
                .map((u) => (
                  <Avatar key={u.id} user={u} size="xs" ringed />
                ))}
            </span>
            <span className="font-semibold text-accent">{plural("chat.replies.count", m.reply_count)}</span>
            {m.last_reply_at ? (
              <span className="truncate text-fg-muted">{t("chat.replies.lastReply", { when: formatRelative(m.last_reply_at) })}</span>
            ) : null}
          </button>
        ) : null}
      </div>
      {grouped ? (
        <span className="absolute top-1.5 left-2 hidden text-[10px] text-fg-subtle group-hover:inline">
          {formatDate(m.created_at, "time")}
        </span>
      ) : null}
      {!m.deleted && editing === null ? (
        <div
          className="absolute -top-3 right-2 flex gap-0.5 rounded-lg border border-border bg-surface p-0.5 opacity-0 shadow-card group-focus-within:opacity-100 group-hover:opacity-100 max-md:group-active:opacity-100"
          role="group"
          aria-label={t("chat.message.actions")}
        >
          <ActionButton icon="sparkles" label={t("chat.message.react")} onClick={() => setPicker((v) => !v)} />
          {onOpenThread ? <ActionButton icon="reply" label={t("chat.replies.open")} onClick={onOpenThread} /> : null}
          {canPin ? (
            <ActionButton icon="pin" label={m.pinned_at ? t("chat.pins.unpin") : t("chat.pins.pin")} onClick={() => void togglePin()} />
          ) : null}
          {mine ? <ActionButton icon="edit" label={t("chat.message.edit")} onClick={() => setEditing(m.content ?? "")} /> : null}
          {canDelete ? <ActionButton icon="trash" label={t("chat.message.delete")} onClick={() => setConfirm("ask")} /> : null}
          {mine ? null : <ActionButton icon="flag" label={t("admin.report.action")} onClick={() => setReporting(true)} />}
        </div>
      ) : null}
      {reporting ? <ReportDialog messageId={m.id} open onClose={() => setReporting(false)} /> : null}
      <ConfirmDialog
        open={!!confirm}
        busy={confirm === "busy"}
        onClose={() => setConfirm(null)}
        title={t("chat.message.deleteTitle")}
        description={t("chat.message.deleteBody")}
        confirmLabel={t("chat.message.delete")}
        confirmingLabel={t("chat.message.deleting")}
        cancelLabel={t("chat.message.cancel")}
        danger
        onConfirm={async () => {
          setConfirm("busy");
          const ack = await emit("delete_message", { id: m.id });
          setConfirm(null);
          if (ack.success) patch(m.id, { deleted: true, content: null, attachment: undefined, reactions: [] });
          else setError(ackErrorText(t, ack.code));
        }}
      />
    </li>
  );
}

function PinnedMark() {
  const { t } = useI18n();
  return (
    <span
      className="inline-flex items-center gap-0.5 rounded-full bg-warning-soft px-1.5 text-[11px] font-medium text-warning-soft-fg"
      data-testid="pinned-mark"
    >
      <Icon name="pin" size={12} />
      {t("chat.pins.pinned")}
    </span>
  );
}

function ActionButton({
  icon,
  label,
  onClick,
}: {
  icon: "sparkles" | "edit" | "trash" | "flag" | "reply" | "pin";
  label: string;
  onClick: () => void;
}) {
  return (
    <button
      type="button"
      onClick={onClick}
      title={label}
      className="grid size-8 place-items-center rounded-md text-fg-muted hover:bg-surface-2 hover:text-fg"
    >
      <Icon name={icon} size={16} label={label} />
    </button>
  );
}

function Ticks({ status }: { status: ChatMessageJson["status"] }) {
  const { t } = useI18n();
  const label = t(`chat.message.${status}`);
  return (
    <p
      className={cx("mt-0.5 flex items-center gap-1 text-[11px]", status === "read" ? "text-accent" : "text-fg-subtle")}
      data-testid="message-status"
      data-status={status}
    >
      <span aria-hidden className="relative inline-flex">
        <Icon name="check" size={14} />
        {status !== "sent" ? <Icon name="check" size={14} className="-ml-2" /> : null}
      </span>
      {label}
    </p>
  );
}

function AttachmentView({ attachment: a }: { attachment: NonNullable<ChatMessageJson["attachment"]> }) {
  const { t } = useI18n();
  if (a.kind === "image")
    return (
      <a href={a.url} target="_blank" rel="noopener noreferrer" className="mt-1 block w-fit">
        {/* eslint-disable-next-line @next/next/no-img-element -- served by our authenticated upload route, which next/image cannot optimise */}
        <img
          src={a.thumb_url ?? a.url}
          alt={t("chat.message.image", { name: a.name })}
          width={a.width ?? undefined}
          height={a.height ?? undefined}
          className="max-h-64 w-auto max-w-full rounded-lg border border-border object-contain"
          loading="lazy"
        />
      </a>
    );
  if (a.kind === "audio") return <audio controls preload="metadata" src={a.url} className="mt-1 w-full max-w-sm" />;
  if (a.kind === "video")
    return <video controls preload="metadata" src={a.url} className="mt-1 max-h-72 w-full max-w-md rounded-lg bg-black" />;
  return (
    <a
      href={a.url}
      download={a.name}
      className="mt-1 inline-flex max-w-full items-center gap-2 rounded-lg border border-border bg-surface-2 px-3 py-2 text-sm text-fg hover:border-border-strong"
      aria-label={t("chat.message.download", { name: a.name })}
    >
      <Icon name="file" size={18} className="text-fg-subtle" />
      <span className="truncate">{a.name}</span>
    </a>
  );
}
