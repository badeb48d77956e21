"use client";

import { useI18n } from "@/lib/i18n/client";
import type { ParticipantJson } from "@/lib/rooms/schemas";
import { Avatar } from "@/components/ui/Avatar";
import { Badge } from "@/components/ui/Badge";

export function PeoplePanel({ participants }: { participants: ParticipantJson[] }) {
  const { t, plural } = useI18n();
  const sorted = [...participants].sort(
    (a, b) => Number(b.is_host) - Number(a.is_host) || Number(b.online) - Number(a.online) || a.name.localeCompare(b.name),
  );
  return (
    <div className="p-4">
      <p className="mb-3 text-sm text-fg-muted">{plural("rooms.people.count", participants.length)}</p>
      <ul className="space-y-2" data-testid="room-people">
        {sorted.map((p) => (
          <li key={p.id} className="flex items-center gap-3">
            <Avatar user={p} size="sm" online={p.online} />
            <span className="min-w-0 flex-1">
              <span className="block truncate text-sm font-medium text-fg">{p.name}</span>
              <span className="block text-xs text-fg-muted">{p.online ? t("rooms.people.online") : t("rooms.people.offline")}</span>
            </span>
            {p.is_host ? <Badge tone="accent">{t("rooms.people.host")}</Badge> : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
