"use client";

import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent, type ReactNode } from "react";
import { useI18n } from "@/lib/i18n/client";
import type { RoomMessageJson } from "@/lib/rooms/schemas";
import { Avatar } from "@/components/ui/Avatar";
import { ReportDialog } from "@/components/admin/ReportDialog";
import { Button } from "@/components/ui/Button";
import { Icon } from "@/components/ui/Icon";
import { cx } from "@/lib/ui/cx";
import type { OutgoingMessage } from "./use-room";

const MAX = 4000;

export function RoomChat({
  messages,
  outbox,
  me,
  disabled,
  onSend,
  onRetry,
  readOnly = false,
  older,
  notice,
  className,
}: {
  messages: RoomMessageJson[];
  outbox: OutgoingMessage[];
  me: string;
  disabled: boolean;
  onSend: (content: string) => void;
  onRetry: (item: OutgoingMessage) => void;
  /** A closed room's history: no composer. */
  readOnly?: boolean;
  /** Offered above the oldest message when there is history before it. */
  older?: { load: () => void; loading: boolean };
  /** Above the composer: why it is disabled (a mute). */
  notice?: ReactNode;
  className?: string;
}) {
  const { t, formatDate } = useI18n();
  const [draft, setDraft] = useState("");
  const [reporting, setReporting] = useState<string | null>(null);
  const listRef = useRef<HTMLOListElement>(null);

  // To the newest when one arrives; not when older ones are prepended above.
  const newest = messages.at(-1)?.id;
  useEffect(() => {
    const el = listRef.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [newest, outbox.length]);

  function submit(e?: FormEvent) {
    e?.preventDefault();
    const content = draft.trim();
    if (!content || content.length > MAX || disabled) return;
    onSend(content);
    setDraft("");
  }

  function onKey(e: KeyboardEvent<HTMLTextAreaElement>) {
    if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      submit();
    }
  }

  return (
    <div className={cx("flex min-h-0 flex-col", className)}>
      {/* Focusable: a scrolling list must be reachable (and scrollable) from the keyboard. */}
      <ol
        ref={listRef}
        tabIndex={0}
        aria-label={t("rooms.chat.label")}
        className="min-h-0 flex-1 space-y-3 overflow-y-auto p-4 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-inset focus-visible:ring-accent"
        aria-live={readOnly ? undefined : "polite"}
        data-testid="room-messages"
      >
        {older ? (
          <li className="flex justify-center">
            <Button size="sm" variant="ghost" loading={older.loading} loadingText={t("rooms.chat.loadingOlder")} onClick={older.load}>
              {t("rooms.chat.older")}
            </Button>
          </li>
        ) : null}
        {messages.length === 0 && outbox.length === 0 ? (
          <li className="py-8 text-center text-sm text-fg-muted">{readOnly ? t("rooms.chat.emptyClosed") : t("rooms.chat.empty")}</li>
        ) : null}
        {messages.map((m) => (
          <li key={m.id} className="group relative flex gap-3">
            <Avatar user={m.author} size="sm" />
            <div className="min-w-0 flex-1">
              <p className="text-xs text-fg-muted">
                <span className="font-medium text-fg">{m.author.id === me ? t("rooms.chat.you") : m.author.name}</span>{" "}
                <time dateTime={m.created_at}>{formatDate(m.created_at, "time")}</time>
              </p>
              <p className="whitespace-pre-wrap break-words text-sm text-fg">{m.content}</p>
            </div>
            {m.author.id === me ? null : (
              // The message's menu: one action here (room chat has no edit or delete of its own).
              <button
                type="button"
                onClick={() => setReporting(m.id)}
                title={t("admin.report.action")}
                className="grid size-8 shrink-0 place-items-center rounded-md text-fg-subtle opacity-0 group-focus-within:opacity-100 group-hover:opacity-100 hover:bg-surface-2 hover:text-fg focus-visible:opacity-100 max-md:opacity-100"
              >
                <Icon name="flag" size={16} label={t("admin.report.action")} />
              </button>
            )}
          </li>
        ))}
        {outbox.map((o) => (
          <li key={o.client_id} className="flex gap-3 opacity-70">
            <span className="size-8 shrink-0" />
            <div className="min-w-0">
              {o.status === "failed" ? (
                <button type="button" className="text-xs font-medium text-danger underline" onClick={() => onRetry(o)}>
                  {t("rooms.chat.failed")}
                </button>
              ) : (
                <p className="text-xs text-fg-muted">{t("rooms.chat.sending")}</p>
              )}
              <p className="whitespace-pre-wrap break-words text-sm text-fg">{o.content}</p>
            </div>
          </li>
        ))}
      </ol>
      {readOnly ? null : notice}
      {readOnly ? null : (
        <form onSubmit={submit} className={cx("flex items-end gap-2 p-3", notice ? null : "border-t border-border")}>
          <label htmlFor="room-composer" className="sr-only">
            {t("rooms.chat.placeholder")}
          </label>
          <textarea
            id="room-composer"
            rows={1}
            value={draft}
            disabled={disabled}
            onChange={(e) => setDraft(e.target.value)}
            onKeyDown={onKey}
            placeholder={t("rooms.chat.placeholder")}
            className="max-h-32 min-h-11 flex-1 resize-none rounded-lg border border-border-strong bg-surface px-3 py-2.5 text-sm text-fg placeholder:text-fg-subtle focus-visible:border-accent focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-accent/40"
            aria-invalid={draft.length > MAX || undefined}
          />
          <Button type="submit" disabled={disabled || !draft.trim() || draft.length > MAX}>
            {t("rooms.chat.send")}
          </Button>
        </form>
      )}
      {reporting ? <ReportDialog messageId={reporting} open onClose={() => setReporting(null)} /> : null}
      {draft.length > MAX ? <p className="px-3 pb-2 text-xs text-danger">{t("rooms.chat.tooLong")}</p> : null}
    </div>
  );
}
