"use client";

import { useI18n } from "@/lib/i18n/client";
import type { HandJson, ModerationJson } from "@/lib/rooms/class-schemas";
import type { ParticipantJson } from "@/lib/rooms/schemas";
import { ackErrorText } from "@/components/realtime/emit-ack";
import type { RoomEmit, RoomEvent } from "./use-room";
import type { Payload } from "@/lib/realtime/contract";
import { Avatar } from "@/components/ui/Avatar";
import { Badge } from "@/components/ui/Badge";
import { Button } from "@/components/ui/Button";
import { Dropdown, DropdownButton, DropdownSeparator } from "@/components/ui/Dropdown";
import { Select } from "@/components/ui/Field";
import { useToast } from "@/components/ui/Toast";

type Emit = RoomEmit;
const SLOW_MODE = [0, 5, 10, 30, 60];

/**
 * Everyone in the room, raised hands first in raise order; the host's controls (lower a hand,
 * mute, remove, ban, slow mode) sit here, and below the list who is banned, to lift a ban.
 * Without `emit` (a closed room) it is a plain list.
 */
export function PeoplePanel({
  participants,
  hands = [],
  moderation = null,
  me,
  isHost = false,
  emit,
}: {
  participants: ParticipantJson[];
  hands?: HandJson[];
  moderation?: ModerationJson | null;
  me?: string;
  isHost?: boolean;
  emit?: Emit;
}) {
  const { t, plural, formatDate } = useI18n();
  const toast = useToast();
  const raisedAt = new Map(hands.map((h, i) => [h.user.id, i]));
  const mutedUntil = new Map((moderation?.muted ?? []).filter((m) => Date.parse(m.until) > Date.now()).map((m) => [m.user_id, m.until]));
  const sorted = [...participants].sort(
    (a, b) =>
      (raisedAt.get(a.id) ?? 1e6) - (raisedAt.get(b.id) ?? 1e6) ||
      Number(b.is_host) - Number(a.is_host) ||
      Number(b.online) - Number(a.online) ||
      a.name.localeCompare(b.name),
  );
  const myHand = me ? raisedAt.has(me) : false;

  const banned = isHost && emit ? (moderation?.banned ?? []) : [];

  async function run<E extends RoomEvent>(event: E, payload: Omit<Payload<"/rooms", E>, "room_id">, done?: string) {
    const ack = await emit?.(event, payload);
    if (ack && !ack.success) toast({ tone: "error", title: ackErrorText(t, ack.code) });
    else if (ack && done) toast({ tone: "success", title: done });
  }

  return (
    <div className="overflow-y-auto p-4">
      <div className="mb-3 flex flex-wrap items-center gap-2">
        <p className="flex-1 text-sm text-fg-muted">{plural("rooms.people.count", participants.length)}</p>
        {emit && me && !isHost ? (
          <Button
            size="sm"
            variant={myHand ? "primary" : "secondary"}
            aria-pressed={myHand}
            onClick={() => void run("raise_hand", { raised: !myHand })}
          >
            <span aria-hidden>✋</span> {myHand ? t("rooms.hands.lower") : t("rooms.hands.raise")}
          </Button>
        ) : null}
        {emit && isHost ? (
          <label className="flex items-center gap-1.5 text-xs text-fg-muted">
            {t("rooms.moderation.slowMode")}
            <Select
              value={String(moderation?.slow_mode_seconds ?? 0)}
              onChange={(e) => void run("set_slow_mode", { seconds: Number(e.target.value) })}
              className="h-9 w-auto py-0 text-xs"
              data-testid="slow-mode"
            >
              {SLOW_MODE.map((s) => (
                <option key={s} value={s}>
                  {s ? t("rooms.moderation.slowSeconds", { seconds: s }) : t("rooms.moderation.slowOff")}
                </option>
              ))}
            </Select>
          </label>
        ) : null}
      </div>
      <ul className="space-y-2" data-testid="room-people">
        {sorted.map((p) => {
          const hand = raisedAt.get(p.id);
          const muted = mutedUntil.get(p.id);
          return (
            <li key={p.id} className="flex items-center gap-3" data-testid={hand !== undefined ? "raised-hand" : undefined}>
              <Avatar user={p} size="sm" online={p.online} />
              <span className="min-w-0 flex-1">
                <span className="block truncate text-sm font-medium text-fg">
                  {hand !== undefined ? (
                    <span className="mr-1" role="img" aria-label={t("rooms.hands.raised")}>
                      ✋{hand + 1}
                    </span>
                  ) : null}
                  {p.name}
                </span>
                <span className="block text-xs text-fg-muted">
                  {p.online ? t("rooms.people.online") : t("rooms.people.offline")}
                  {muted ? ` · ${t("rooms.moderation.muted")}` : ""}
                </span>
              </span>
              {p.is_host ? <Badge tone="accent">{t("rooms.people.host")}</Badge> : null}
              {isHost && emit && hand !== undefined ? (
                <Button
                  size="sm"
                  variant="ghost"
                  onClick={() => void run("lower_hand", { user_id: p.id })}
                  aria-label={t("rooms.hands.lowerFor", { name: p.name })}
                >
                  {t("rooms.hands.lower")}
                </Button>
              ) : null}
              {isHost && emit && p.id !== me ? (
                <Dropdown
                  trigger={<span aria-hidden>⋯</span>}
                  label={t("rooms.moderation.actionsFor", { name: p.name })}
                  triggerClassName="rounded px-2 py-1 text-fg-muted hover:bg-surface-2"
                >
                  {(close) => (
                    <>
                      <DropdownButton onClick={() => (close(), void run("mute_participant", { user_id: p.id, minutes: muted ? 0 : 5 }))}>
                        {muted ? t("rooms.moderation.unmute") : t("rooms.moderation.mute")}
                      </DropdownButton>
                      <DropdownSeparator />
                      <DropdownButton onClick={() => (close(), void run("remove_participant", { user_id: p.id }))}>
                        {t("rooms.moderation.remove")}
                      </DropdownButton>
                      <DropdownButton
                        className="text-danger"
                        onClick={() => (close(), void run("remove_participant", { user_id: p.id, ban: true }))}
                      >
                        {t("rooms.moderation.ban")}
                      </DropdownButton>
                    </>
                  )}
                </Dropdown>
              ) : null}
            </li>
          );
        })}
      </ul>
      {banned.length ? (
        <section className="mt-5 border-t border-border pt-4" aria-labelledby="banned-heading" data-testid="banned-users">
          <h2 id="banned-heading" className="mb-2 text-xs font-semibold text-fg-muted">
            {t("rooms.moderation.bannedTitle")} <span className="font-normal text-fg-subtle">{banned.length}</span>
          </h2>
          <ul className="space-y-2">
            {banned.map((b) => (
              <li key={b.user.id} className="flex items-center gap-3" data-testid="banned-user">
                <Avatar user={b.user} size="sm" />
                <span className="min-w-0 flex-1">
                  <span className="block truncate text-sm font-medium text-fg">{b.user.name}</span>
                  <span className="block text-xs text-fg-muted">
                    {t("rooms.moderation.bannedAt", { time: formatDate(b.banned_at, "dateTime") })}
                  </span>
                </span>
                <Button
                  size="sm"
                  variant="secondary"
                  aria-label={t("rooms.moderation.unbanFor", { name: b.user.name })}
                  onClick={() => void run("unban_user", { user_id: b.user.id }, t("rooms.moderation.unbanned", { name: b.user.name }))}
                >
                  {t("rooms.moderation.unban")}
                </Button>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
