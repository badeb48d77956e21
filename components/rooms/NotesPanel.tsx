"use client";

import { useState, type FormEvent } from "react";
import { apiFetch } from "@/lib/client/api";
import { useT } from "@/lib/i18n/client";
import type { NoteJson } from "@/lib/rooms/schemas";
import { formatTimecode } from "@/lib/rooms/timecode";
import { Button, buttonClasses } from "@/components/ui/Button";
import { EmptyState } from "@/components/ui/EmptyState";
import { Icon } from "@/components/ui/Icon";
import { useToast } from "@/components/ui/Toast";
import { apiErrorText } from "@/lib/client/error-text";

export function NotesPanel({
  code,
  notes,
  me,
  isHost,
  canControl,
  currentTime,
  onJump,
  disabled,
  readOnly = false,
}: {
  code: string;
  notes: NoteJson[];
  me: string;
  isHost: boolean;
  canControl: boolean;
  /** The local player's position when a video plays; undefined lets the server stamp the room's. */
  currentTime: () => number | undefined;
  onJump: (seconds: number) => void;
  disabled: boolean;
  /** A closed room's notes: to read and export, not to add or delete. */
  readOnly?: boolean;
}) {
  const t = useT();
  const toast = useToast();
  const [draft, setDraft] = useState("");
  const [busy, setBusy] = useState(false);

  async function add(e: FormEvent) {
    e.preventDefault();
    const content = draft.trim();
    if (!content) return;
    setBusy(true);
    const timecode = currentTime();
    const res = await apiFetch("/api/notes", { body: { room_id: code, content, ...(timecode === undefined ? {} : { timecode }) } });
    setBusy(false);
    if (res.ok) setDraft("");
    else toast({ tone: "error", title: apiErrorText(t, res) });
  }

  async function remove(id: string) {
    const res = await apiFetch(`/api/notes/${id}`, { method: "DELETE" });
    if (!res.ok) toast({ tone: "error", title: apiErrorText(t, res) });
  }

  return (
    <div className="flex min-h-0 flex-col">
      <div className="min-h-0 flex-1 overflow-y-auto p-4">
        {notes.length === 0 ? (
          <EmptyState level={2} icon="sparkles" title={t("rooms.notes.empty")} description={t("rooms.notes.emptyBody")} />
        ) : (
          <ol className="space-y-3" data-testid="room-notes">
            {notes.map((n) => {
              const time = formatTimecode(n.timecode);
              return (
                <li key={n.id} className="group rounded-lg border border-border bg-surface-2 p-3">
                  <div className="flex items-center gap-2">
                    <button
                      type="button"
                      disabled={!canControl || !n.video_id}
                      onClick={() => onJump(n.timecode)}
                      title={t("rooms.notes.jump", { time })}
                      aria-label={t("rooms.notes.jump", { time })}
                      className="rounded-md bg-accent-soft px-2 py-0.5 font-mono text-xs font-semibold text-accent-soft-fg enabled:hover:bg-accent enabled:hover:text-accent-fg disabled:cursor-default"
                    >
                      {time}
                    </button>
                    <span className="truncate text-xs text-fg-muted">{n.author.name}</span>
                    {!readOnly && (n.author.id === me || isHost) ? (
                      <button
                        type="button"
                        onClick={() => void remove(n.id)}
                        className="ml-auto rounded p-1 text-fg-subtle opacity-60 hover:text-danger hover:opacity-100 focus-visible:opacity-100"
                        aria-label={t("rooms.notes.delete")}
                      >
                        <Icon name="trash" size={16} />
                      </button>
                    ) : null}
                  </div>
                  <p className="mt-1.5 whitespace-pre-wrap break-words text-sm text-fg">{n.content}</p>
                </li>
              );
            })}
          </ol>
        )}
      </div>
      {readOnly ? (
        notes.length ? (
          <div className="border-t border-border p-3">
            <a href={`/api/rooms/${code}/notes.md`} download className={buttonClasses({ variant: "ghost", size: "sm" })}>
              {t("rooms.notes.export")}
            </a>
          </div>
        ) : null
      ) : (
        <form onSubmit={add} className="space-y-2 border-t border-border p-3">
          <label htmlFor="note-draft" className="sr-only">
            {t("rooms.notes.placeholder")}
          </label>
          <textarea
            id="note-draft"
            rows={2}
            maxLength={2000}
            value={draft}
            disabled={disabled}
            onChange={(e) => setDraft(e.target.value)}
            placeholder={t("rooms.notes.placeholder")}
            className="w-full resize-none rounded-lg border border-border-strong bg-surface px-3 py-2 text-sm text-fg placeholder:text-fg-subtle focus-visible:border-accent focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-accent/40"
          />
          <div className="flex items-center justify-between gap-2">
            {/* Nothing to export before the first note. */}
            {notes.length ? (
              <a href={`/api/rooms/${code}/notes.md`} download className={buttonClasses({ variant: "ghost", size: "sm" })}>
                {t("rooms.notes.export")}
              </a>
            ) : (
              <span />
            )}
            <Button type="submit" size="sm" loading={busy} loadingText={t("rooms.notes.adding")} disabled={disabled || !draft.trim()}>
              {t("rooms.notes.add")}
            </Button>
          </div>
        </form>
      )}
    </div>
  );
}
