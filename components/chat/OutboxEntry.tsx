"use client";

import { ackErrorText } from "@/components/realtime/emit-ack";
import { useT } from "@/lib/i18n/client";
import type { OutgoingMessage } from "./use-thread";

/** A message on its way (or refused), under the conversation or the thread it was written in. */
export function OutboxEntry({ item, onRetry, onDiscard }: { item: OutgoingMessage; onRetry: () => void; onDiscard: () => void }) {
  const t = useT();
  return (
    <li className="flex gap-3 px-2 py-1 opacity-75" data-testid="outbox-item">
      <span className="w-8 shrink-0" />
      <div className="min-w-0 flex-1">
        <p className="text-sm break-words whitespace-pre-wrap text-fg">{item.content || item.attachment_name}</p>
        {item.status === "failed" ? (
          <p className="mt-0.5 flex flex-wrap items-center gap-2 text-xs text-danger" role="alert">
            {t("chat.message.failed", { error: ackErrorText(t, item.code) })}
            <button type="button" className="font-medium underline" onClick={onRetry}>
              {t("chat.message.retry")}
            </button>
            <button type="button" className="font-medium underline" onClick={onDiscard}>
              {t("chat.message.discard")}
            </button>
          </p>
        ) : (
          <p className="text-xs text-fg-muted">{t("chat.message.sending")}</p>
        )}
      </div>
    </li>
  );
}
