"use client";

import Link from "next/link";
import { useState } from "react";
import { apiFetch } from "@/lib/client/api";
import { useI18n } from "@/lib/i18n/client";
import type { RoomMeeting } from "@/lib/meetings/schemas";
import type { NoteJson, ParticipantJson, RoomJson, RoomMessageJson } from "@/lib/rooms/schemas";
import { Badge } from "@/components/ui/Badge";
import { buttonClasses } from "@/components/ui/Button";
import { Card, CardHeader } from "@/components/ui/Card";
import { Icon } from "@/components/ui/Icon";
import { useToast } from "@/components/ui/Toast";
import { MeetingBanner } from "./MeetingBanner";
import { NotesPanel } from "./NotesPanel";
import { RoomChat } from "./RoomChat";

const noop = () => {};

/** A closed room, for the people who were in it: its chat history and notes, to read only. */
export function ClosedRoom({
  history,
  me,
  meeting,
}: {
  history: { room: RoomJson; participants: ParticipantJson[]; messages: RoomMessageJson[]; next_cursor: string | null; notes: NoteJson[] };
  me: string;
  meeting: RoomMeeting | null;
}) {
  const { t, plural, formatDate } = useI18n();
  const toast = useToast();
  const { room, notes, participants } = history;
  const [messages, setMessages] = useState(history.messages);
  const [cursor, setCursor] = useState(history.next_cursor);
  const [loading, setLoading] = useState(false);

  async function loadOlder() {
    if (!cursor) return;
    setLoading(true);
    const res = await apiFetch<{ messages: RoomMessageJson[]; next_cursor: string | null }>(
      `/api/rooms/${room.room_id}/messages?limit=50&before=${encodeURIComponent(cursor)}`,
    );
    setLoading(false);
    if (!res.ok) return toast({ tone: "error", title: res.network ? t("errors.network") : t("errors.generic") });
    setMessages((prev) => [...res.data.messages, ...prev]);
    setCursor(res.data.next_cursor);
  }

  return (
    <div className="flex flex-col gap-4" data-testid="closed-room">
      {meeting ? <MeetingBanner meeting={meeting} /> : null}
      <header className="flex flex-wrap items-start gap-x-4 gap-y-3">
        <div className="min-w-0 flex-1 basis-64">
          <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
            <h1 className="min-w-0 text-2xl font-semibold tracking-tight break-words text-fg">{room.name}</h1>
            <Badge>{t("rooms.list.closed")}</Badge>
          </div>
          <p className="mt-1 text-sm text-fg-muted">
            {room.closed_at ? t("rooms.closed.closedOn", { date: formatDate(room.closed_at, "dateTime") }) : null}
            {room.closed_at ? " · " : null}
            {plural("rooms.people.count", participants.length)}
          </p>
        </div>
        <Link href="/rooms" className={buttonClasses({ variant: "secondary" })}>
          {t("rooms.state.goBack")}
        </Link>
      </header>
      <p
        className="flex items-start gap-2 rounded-lg border border-border bg-surface-2 px-4 py-3 text-sm text-fg-muted"
        data-testid="closed-notice"
      >
        <Icon name="lock" size={18} className="mt-0.5 shrink-0" />
        {t("rooms.closed.readOnly")}
      </p>
      <div className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <Card aria-labelledby="closed-chat" className="flex h-[28rem] min-w-0 flex-col overflow-hidden lg:h-[min(70vh,40rem)]">
          <CardHeader id="closed-chat" title={t("rooms.panels.chat")} className="pb-3 sm:pb-3" />
          <RoomChat
            messages={messages}
            outbox={[]}
            me={me}
            disabled
            readOnly
            onSend={noop}
            onRetry={noop}
            older={cursor ? { load: () => void loadOlder(), loading } : undefined}
            className="min-h-0 flex-1 border-t border-border"
          />
        </Card>
        <Card
          aria-labelledby="closed-notes"
          className="flex max-h-[28rem] min-w-0 flex-col overflow-hidden lg:h-[min(70vh,40rem)] lg:max-h-none"
        >
          <CardHeader id="closed-notes" title={t("rooms.panels.notes")} className="pb-3 sm:pb-3" />
          <div className="min-h-0 flex-1 border-t border-border [&>*]:h-full">
            <NotesPanel
              code={room.room_id}
              notes={notes}
              me={me}
              isHost={false}
              canControl={false}
              currentTime={() => undefined}
              onJump={noop}
              disabled
              readOnly
            />
          </div>
        </Card>
      </div>
    </div>
  );
}
