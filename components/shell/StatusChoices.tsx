"use client";

import { useT } from "@/lib/i18n/client";
import { useChatActivity } from "@/components/chat/ChatActivity";
import { CHOSEN_STATUSES } from "@/lib/chat/schemas";
import { cx } from "@/lib/ui/cx";
import { DropdownButton } from "@/components/ui/Dropdown";
import { Icon } from "@/components/ui/Icon";

/** My own dot: what I chose, else what the server says of my activity (away when every tab is idle). */
export function useMyDot(userId: string): "online" | "away" | "dnd" {
  const { statusOf, myStatus } = useChatActivity();
  return myStatus === "auto" ? (statusOf(userId) === "away" ? "away" : "online") : myStatus;
}

/**
 * The status choice (automatic, away, do not disturb): in the account menu on desktop and in the
 * menu button's panel on phones, where the header has no account menu.
 */
export function StatusChoices({ onChosen }: { onChosen?: () => void }) {
  const t = useT();
  const { myStatus, chooseStatus } = useChatActivity();
  return (
    <div role="group" aria-label={t("chat.status.label")} data-testid="status-menu">
      <p className="px-3 pt-1 pb-1 text-xs font-medium text-fg-subtle">{t("chat.status.label")}</p>
      {CHOSEN_STATUSES.map((s) => (
        <DropdownButton
          key={s}
          aria-pressed={myStatus === s}
          data-status={s}
          onClick={() => {
            chooseStatus(s);
            onChosen?.();
          }}
        >
          <span
            aria-hidden="true"
            className={cx("size-2.5 shrink-0 rounded-full", s === "auto" ? "bg-success" : s === "away" ? "bg-warning" : "bg-danger")}
          />
          <span className="min-w-0 flex-1">
            <span className="block">{t(`chat.status.${s}`)}</span>
            {s !== "away" ? (
              <span className="block text-xs text-fg-muted">{t(s === "auto" ? "chat.status.autoHint" : "chat.status.dndHint")}</span>
            ) : null}
          </span>
          {myStatus === s ? <Icon name="check" size={16} className="text-accent" /> : null}
        </DropdownButton>
      ))}
    </div>
  );
}
