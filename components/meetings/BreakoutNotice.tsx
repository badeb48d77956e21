"use client";

import { useT } from "@/lib/i18n/client";
import type { OwnBreakoutJson } from "@/lib/meetings/breakout-schemas";
import { ButtonLink } from "@/components/ui/Button";
import { Icon } from "@/components/ui/Icon";

/**
 * A student's breakout group on their meeting card: "Your group: X — Join". The call page
 * (/meetings/:id/call) joins the group's call by itself, and comes back when the groups end.
 */
export function BreakoutNotice({ meetingId, breakout }: { meetingId: string; breakout: OwnBreakoutJson }) {
  const t = useT();
  return (
    <div
      className="mt-3 flex flex-wrap items-center justify-between gap-x-4 gap-y-2 rounded-lg border border-accent/25 bg-accent-soft px-3 py-2.5"
      role="status"
      data-testid="my-breakout"
    >
      <div className="flex min-w-0 items-start gap-2">
        <Icon name="users" size={18} className="mt-0.5 shrink-0 text-accent" />
        <div className="min-w-0">
          <p className="text-sm font-semibold break-words text-fg">{t("meetings.breakouts.yourGroup", { name: breakout.name })}</p>
          <p className="text-xs text-fg-muted">{t("meetings.breakouts.yourGroupHint")}</p>
        </div>
      </div>
      <div className="flex shrink-0 flex-wrap gap-2">
        <ButtonLink href={`/meetings/${meetingId}/call`} size="sm" icon="video" data-testid="join-breakout">
          {t("meetings.breakouts.join")}
        </ButtonLink>
        {breakout.room_id ? (
          <ButtonLink href={`/rooms/${breakout.room_id}`} size="sm" variant="ghost" icon="rooms">
            {t("meetings.breakouts.room")}
          </ButtonLink>
        ) : null}
      </div>
    </div>
  );
}
