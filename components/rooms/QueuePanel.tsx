"use client";

import { useI18n } from "@/lib/i18n/client";
import type { QueueItemJson } from "@/lib/rooms/class-schemas";
import { Button } from "@/components/ui/Button";
import { Icon } from "@/components/ui/Icon";

/** The room's video queue beside the player: what plays next, reordering and skip votes. */
export function QueuePanel({
  queue,
  skipVotes,
  hasVideo,
  me,
  canControl,
  onMove,
  onRemove,
  onSkip,
}: {
  queue: QueueItemJson[];
  skipVotes: number;
  hasVideo: boolean;
  me: string;
  canControl: boolean;
  onMove: (id: string, index: number) => void;
  onRemove: (id: string) => void;
  onSkip: () => void;
}) {
  const { t, plural } = useI18n();
  return (
    <section
      className="flex min-h-0 flex-col rounded-xl border border-border bg-surface-2"
      aria-label={t("rooms.queue.title")}
      data-testid="video-queue"
    >
      <header className="flex items-center gap-2 border-b border-border px-3 py-2">
        <h2 className="flex-1 text-sm font-semibold text-fg">
          {t("rooms.queue.title")} <span className="text-xs font-normal text-fg-subtle">{queue.length || ""}</span>
        </h2>
        {hasVideo ? (
          <Button size="sm" variant="ghost" onClick={onSkip} title={plural("rooms.queue.skipVotes", skipVotes)} data-testid="vote-skip">
            {t("rooms.queue.skip")}
            {skipVotes ? <span className="text-xs text-fg-subtle">({skipVotes})</span> : null}
          </Button>
        ) : null}
      </header>
      {queue.length === 0 ? (
        <p className="px-3 py-3 text-xs text-fg-muted">{t("rooms.queue.empty")}</p>
      ) : (
        <ol className="max-h-56 min-h-0 divide-y divide-border overflow-y-auto xl:max-h-none xl:flex-1">
          {queue.map((item, i) => (
            <li key={item.id} className="flex items-center gap-2 px-3 py-1.5" data-testid="queued-video">
              <span className="w-4 text-right font-mono text-xs text-fg-subtle">{i + 1}</span>
              <span className="min-w-0 flex-1">
                <a
                  href={`https://www.youtube.com/watch?v=${item.video_id}`}
                  target="_blank"
                  rel="noopener noreferrer"
                  className="block truncate font-mono text-xs text-fg hover:underline"
                >
                  youtu.be/{item.video_id}
                </a>
                <span className="block truncate text-xs text-fg-muted">{t("rooms.queue.addedBy", { name: item.added_by.name })}</span>
              </span>
              {/* Reordering one video means nothing: two greyed arrows would only squeeze its name. */}
              {canControl && queue.length > 1 ? (
                <>
                  <button
                    type="button"
                    disabled={i === 0}
                    onClick={() => onMove(item.id, i - 1)}
                    aria-label={t("rooms.queue.moveUp")}
                    className="rounded p-1 text-fg-subtle enabled:hover:text-fg disabled:opacity-30"
                  >
                    <Icon name="chevronDown" size={16} className="rotate-180" />
                  </button>
                  <button
                    type="button"
                    disabled={i === queue.length - 1}
                    onClick={() => onMove(item.id, i + 1)}
                    aria-label={t("rooms.queue.moveDown")}
                    className="rounded p-1 text-fg-subtle enabled:hover:text-fg disabled:opacity-30"
                  >
                    <Icon name="chevronDown" size={16} />
                  </button>
                </>
              ) : null}
              {canControl || item.added_by.id === me ? (
                <button
                  type="button"
                  onClick={() => onRemove(item.id)}
                  aria-label={t("rooms.queue.remove")}
                  className="rounded p-1 text-fg-subtle hover:text-danger"
                >
                  <Icon name="close" size={16} />
                </button>
              ) : null}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
