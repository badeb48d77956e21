"use client";

import { useEffect, useState } from "react";
import { useI18n } from "@/lib/i18n/client";
import type { ModerationJson } from "@/lib/rooms/class-schemas";
import { Icon } from "@/components/ui/Icon";

/** How often the minutes left are refreshed (the end itself is met exactly, below). */
const TICK_MS = 15_000;

/**
 * Whole minutes left of my mute (rounded up), or null when I may write. Follows the clock: the
 * count goes down and the composers come back when the mute ends, without a server event.
 */
export function useMuteLeft(moderation: ModerationJson | null, me: string | undefined): number | null {
  const until = moderation?.muted.find((m) => m.user_id === me)?.until;
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!until) return;
    const refresh = () => setNow(Date.now());
    // A new mute is counted from now, not from the last tick.
    const first = setTimeout(refresh, 0);
    const tick = setInterval(refresh, TICK_MS);
    const end = setTimeout(refresh, Math.max(0, Date.parse(until) - Date.now()) + 50);
    return () => {
      clearTimeout(first);
      clearInterval(tick);
      clearTimeout(end);
    };
  }, [until]);
  if (!until) return null;
  const left = Date.parse(until) - now;
  return left > 0 ? Math.ceil(left / 60_000) : null;
}

/** Where a composer would be while I am muted: says so, and for how long. */
export function MutedNotice({ minutes }: { minutes: number }) {
  const { plural } = useI18n();
  return (
    <p
      role="status"
      className="flex items-center gap-2 border-t border-border bg-warning-soft px-3 py-2.5 text-sm font-medium text-warning-soft-fg"
      data-testid="muted-banner"
    >
      <Icon name="clock" size={16} />
      {plural("rooms.moderation.mutedFor", minutes)}
    </p>
  );
}
