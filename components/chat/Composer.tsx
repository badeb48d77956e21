"use client";

import { useRef, useState, type FormEvent, type KeyboardEvent } from "react";
import { useI18n } from "@/lib/i18n/client";
import type { UploadJson } from "@/lib/uploads/schemas";
import { Button } from "@/components/ui/Button";
import { Icon } from "@/components/ui/Icon";
import { UploadDropzone } from "@/components/uploads/UploadDropzone";

const MAX = 4000;
const TYPING_REPEAT_MS = 3_000;

/** Enter sends, Shift+Enter breaks the line; a file (button, drop, paste) goes with the next send. */
export function Composer({
  name,
  disabled,
  onSend,
  onTyping,
  id = "chat-composer",
  windowFiles = true,
  placeholder,
}: {
  name: string;
  disabled: boolean;
  /** The textarea's id (the thread panel's composer sits beside the channel's). */
  id?: string;
  /** Files dropped or pasted anywhere on the page come here (the channel's composer; not a side panel's). */
  windowFiles?: boolean;
  placeholder?: string;
  onSend: (content: string, attachment?: { id: string; kind: string; name: string }) => void;
  onTyping?: (isTyping: boolean) => void;
}) {
  const { t } = useI18n();
  const [draft, setDraft] = useState("");
  const [attachment, setAttachment] = useState<UploadJson | null>(null);
  // A file on its way: sending now would send the text without it.
  const [uploading, setUploading] = useState(false);
  const lastTyping = useRef(0);

  function submit(e?: FormEvent) {
    e?.preventDefault();
    const content = draft.trim();
    if ((!content && !attachment) || content.length > MAX || disabled || uploading) return;
    onSend(content, attachment ? { id: attachment.id, kind: attachment.kind, name: attachment.name } : undefined);
    setDraft("");
    setAttachment(null);
    lastTyping.current = 0;
  }
  function onKey(e: KeyboardEvent<HTMLTextAreaElement>) {
    if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      submit();
    }
  }
  function onChange(value: string) {
    setDraft(value);
    const now = Date.now();
    if (value.trim() && now - lastTyping.current > TYPING_REPEAT_MS) {
      lastTyping.current = now;
      onTyping?.(true);
    }
  }

  const label = t("chat.composer.label", { name });
  return (
    <form onSubmit={submit} className="border-t border-border p-2 sm:p-3" noValidate>
      {attachment ? (
        <div className="mb-2 flex items-center gap-2 rounded-lg border border-border bg-surface-2 px-3 py-1.5 text-sm text-fg">
          <Icon name="paperclip" size={16} className="text-fg-subtle" />
          <span className="min-w-0 flex-1 truncate">{attachment.name}</span>
          <button
            type="button"
            className="grid size-8 place-items-center rounded-md text-fg-muted hover:bg-surface-3"
            onClick={() => setAttachment(null)}
          >
            <Icon name="close" size={16} label={t("chat.composer.removeAttachment")} />
          </button>
        </div>
      ) : null}
      <div className="flex items-end gap-2">
        <UploadDropzone
          purpose="attachment"
          compact
          hideHint
          pasteScope={windowFiles ? "window" : "zone"}
          dropScope={windowFiles ? "window" : "zone"}
          onBusyChange={setUploading}
          disabled={disabled}
          buttonLabel={<span className="sr-only">{t("chat.composer.attach")}</span>}
          onUploaded={(u) => setAttachment(u)}
          className="shrink-0"
        />
        <label htmlFor={id} className="sr-only">
          {label}
        </label>
        <textarea
          id={id}
          rows={Math.min(6, Math.max(1, draft.split("\n").length))}
          value={draft}
          disabled={disabled}
          onChange={(e) => onChange(e.target.value)}
          onKeyDown={onKey}
          placeholder={placeholder ?? t("chat.composer.placeholder")}
          aria-label={label}
          aria-invalid={draft.length > MAX || undefined}
          className="max-h-40 min-h-11 flex-1 resize-none rounded-lg border border-border-strong bg-surface px-3 py-2.5 text-sm text-fg placeholder:text-fg-subtle focus-visible:border-accent focus-visible:ring-2 focus-visible:ring-accent/40 focus-visible:outline-none"
        />
        <Button type="submit" disabled={disabled || uploading || (!draft.trim() && !attachment) || draft.length > MAX} icon="send">
          <span className="max-sm:sr-only">{t("chat.composer.send")}</span>
        </Button>
      </div>
      {draft.length > MAX ? (
        <p className="pt-1 text-xs text-danger">{t("chat.composer.tooLong")}</p>
      ) : (
        <p className="hidden pt-1 text-[11px] text-fg-subtle sm:block">{t("chat.composer.markdownHint")}</p>
      )}
    </form>
  );
}
