"use client";

import { emitAck } from "@/components/realtime/emit-ack";
import { useCallback, useEffect, useRef, useState } from "react";
import { useSocket } from "@/components/realtime/RealtimeProvider";
import type { NoteJson, ParticipantJson, RoomJson, RoomMessageJson } from "@/lib/rooms/schemas";
import type { HandJson, ModerationJson, PollJson, QuestionJson } from "@/lib/rooms/class-schemas";

export interface OutgoingMessage {
  client_id: string;
  content: string;
  status: "sending" | "failed";
}

type AckResult<T> = ({ success: true } & T) | { success: false; error: string; code: string };

export type RoomPhase =
  | { kind: "joining" }
  | { kind: "ready" }
  | { kind: "closed" }
  | { kind: "removed"; banned: boolean }
  | { kind: "error"; code: string; message: string };

/** Polls keep their creation order; an update replaces its poll, keeping my_vote unless it brings one. */
function mergePoll(list: PollJson[], poll: PollJson, own: boolean): PollJson[] {
  const i = list.findIndex((p) => p.id === poll.id);
  if (i < 0) return [...list, poll];
  const next = [...list];
  next[i] = own || poll.my_vote ? poll : { ...poll, ...(list[i]!.my_vote ? { my_vote: list[i]!.my_vote } : {}) };
  return next;
}

function byTime<T extends { created_at: string; id: string }>(a: T, b: T) {
  return a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : a.id < b.id ? -1 : 1;
}

const newClientId = () => (crypto.randomUUID ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`);

/**
 * The room over /rooms: joins (again after a reconnect that could not be recovered), keeps
 * participants, messages and notes current, and sends chat messages through an outbox that
 * retries with the same client_id (the server stores a message once).
 */
export function useRoom(code: string, me?: string) {
  const socket = useSocket("/rooms");
  const [phase, setPhase] = useState<RoomPhase>({ kind: "joining" });
  const [room, setRoom] = useState<RoomJson | null>(null);
  const [participants, setParticipants] = useState<ParticipantJson[]>([]);
  const [messages, setMessages] = useState<RoomMessageJson[]>([]);
  const [notes, setNotes] = useState<NoteJson[]>([]);
  const [outbox, setOutbox] = useState<OutgoingMessage[]>([]);
  const [polls, setPolls] = useState<PollJson[]>([]);
  const [questions, setQuestions] = useState<QuestionJson[]>([]);
  const [hands, setHands] = useState<HandJson[]>([]);
  const [moderation, setModeration] = useState<ModerationJson | null>(null);
  const outboxRef = useRef<OutgoingMessage[]>([]);
  outboxRef.current = outbox;

  const mergeMessages = useCallback((incoming: RoomMessageJson[]) => {
    setMessages((prev) => {
      const map = new Map(prev.map((m) => [m.id, m]));
      for (const m of incoming) map.set(m.id, m);
      return [...map.values()].sort(byTime);
    });
    const sent = new Set(incoming.map((m) => m.client_id).filter(Boolean));
    if (sent.size) setOutbox((prev) => prev.filter((o) => !sent.has(o.client_id)));
  }, []);

  const deliver = useCallback(
    async (item: OutgoingMessage) => {
      if (!socket) return;
      setOutbox((prev) => prev.map((o) => (o.client_id === item.client_id ? { ...o, status: "sending" } : o)));
      try {
        const ack = (await socket
          .timeout(10_000)
          .emitWithAck("send_message", { room_id: code, content: item.content, client_id: item.client_id })) as AckResult<{
          message: RoomMessageJson;
        }>;
        if (ack.success) return mergeMessages([ack.message]);
        setOutbox((prev) => prev.map((o) => (o.client_id === item.client_id ? { ...o, status: "failed" } : o)));
      } catch {
        setOutbox((prev) => prev.map((o) => (o.client_id === item.client_id ? { ...o, status: "failed" } : o)));
      }
    },
    [socket, code, mergeMessages],
  );

  const send = useCallback(
    (content: string) => {
      const item: OutgoingMessage = { client_id: newClientId(), content, status: "sending" };
      setOutbox((prev) => [...prev, item]);
      void deliver(item);
    },
    [deliver],
  );

  useEffect(() => {
    if (!socket) return;
    let active = true;
    // Events that come in while a join is under way would land on no room (or under an older
    // ack): held, then replayed in arrival order on top of the ack (the server joins the socket
    // to the room before reading what the ack carries, so together they are the current state).
    let held: (() => void)[] | null = null;
    const release = () => {
      const replay = held ?? [];
      held = null;
      for (const apply of replay) apply();
    };
    const join = async () => {
      held ??= [];
      try {
        const ack = (await socket.timeout(15_000).emitWithAck("join_room", { room_id: code })) as AckResult<{
          room: RoomJson;
          participants: ParticipantJson[];
          messages: RoomMessageJson[];
          notes: NoteJson[];
          polls: PollJson[];
          questions: QuestionJson[];
          hands: HandJson[];
          moderation: ModerationJson;
        }>;
        if (!active) return;
        if (!ack.success) {
          held = null;
          setPhase(ack.code === "GONE" ? { kind: "closed" } : { kind: "error", code: ack.code, message: ack.error });
          return;
        }
        setRoom(ack.room);
        setParticipants(ack.participants);
        mergeMessages(ack.messages);
        setNotes(ack.notes);
        setPolls(ack.polls ?? []);
        setQuestions(ack.questions ?? []);
        setHands(ack.hands ?? []);
        setModeration(ack.moderation ?? null);
        setPhase({ kind: "ready" });
        release();
        // Whatever was never acknowledged goes again, with the same client_id.
        for (const item of outboxRef.current) void deliver(item);
      } catch {
        held = null;
        if (active) setPhase({ kind: "error", code: "TIMEOUT", message: "timeout" });
      }
    };
    const onConnect = () => {
      if (!socket.recovered) void join();
    };
    const on = {
      participants: (p: { room_id: string; participants: ParticipantJson[] }) => p.room_id === code && setParticipants(p.participants),
      message_created: (p: { message: RoomMessageJson }) => p.message.room_id === code && mergeMessages([p.message]),
      mode_changed: (p: { room_id: string; mode: RoomJson["mode"] }) =>
        p.room_id === code && setRoom((r) => (r ? { ...r, mode: p.mode } : r)),
      controls_changed: (p: { room_id: string; controls: RoomJson["controls"] }) =>
        p.room_id === code && setRoom((r) => (r ? { ...r, controls: p.controls } : r)),
      host_changed: (p: { room_id: string; host_id: string }) => {
        if (p.room_id !== code) return;
        setRoom((r) => (r ? { ...r, host_id: p.host_id } : r));
        setParticipants((list) => list.map((x) => ({ ...x, is_host: x.id === p.host_id })));
      },
      note_created: (p: { note: NoteJson }) =>
        p.note.room_id === code &&
        setNotes((list) => (list.some((n) => n.id === p.note.id) ? list : [...list, p.note].sort((a, b) => a.timecode - b.timecode))),
      note_deleted: (p: { room_id: string; id: string }) => p.room_id === code && setNotes((list) => list.filter((n) => n.id !== p.id)),
      message_deleted: (p: { room_id: string; id: string }) =>
        p.room_id === code && setMessages((list) => list.filter((m) => m.id !== p.id)),
      room_closed: (p: { room_id: string }) => p.room_id === code && setPhase({ kind: "closed" }),
      poll_updated: (p: { poll: PollJson }) => p.poll.room_id === code && setPolls((list) => mergePoll(list, p.poll, false)),
      questions_updated: (p: { room_id: string; questions: QuestionJson[] }) => p.room_id === code && setQuestions(p.questions),
      hands_updated: (p: { room_id: string; hands: HandJson[] }) => p.room_id === code && setHands(p.hands),
      moderation_changed: (p: ModerationJson) => p.room_id === code && setModeration(p),
      participant_removed: (p: { room_id: string; user_id: string; banned: boolean }) =>
        p.room_id === code && p.user_id === me && setPhase({ kind: "removed", banned: p.banned }),
    };
    const handlers = Object.entries(on).map(([event, fn]) => {
      const handler = (payload: unknown) =>
        held ? held.push(() => (fn as (p: unknown) => void)(payload)) : (fn as (p: unknown) => void)(payload);
      return [event, handler] as const;
    });
    for (const [event, handler] of handlers) socket.on(event as never, handler as never);
    socket.on("connect", onConnect);
    if (socket.connected) void join();
    return () => {
      active = false;
      socket.off("connect", onConnect);
      for (const [event, handler] of handlers) socket.off(event as never, handler as never);
    };
  }, [socket, code, me, mergeMessages, deliver]);

  const emit = useCallback(
    async <T extends object = object>(event: string, payload: Record<string, unknown>): Promise<AckResult<T>> => {
      if (!socket) return { success: false, error: "offline", code: "OFFLINE" };
      return (
        (await emitAck<AckResult<T>>(socket, event, { room_id: code, ...payload })) ?? { success: false, error: "timeout", code: "TIMEOUT" }
      );
    },
    [socket, code],
  );

  /** A poll from an ack (the caller's own view, with my_vote). */
  const putPoll = useCallback((poll: PollJson) => setPolls((list) => mergePoll(list, poll, true)), []);

  return {
    phase,
    room,
    participants,
    messages,
    notes,
    setNotes,
    outbox,
    send,
    retry: deliver,
    emit,
    polls,
    putPoll,
    questions,
    setQuestions,
    hands,
    setHands,
    moderation,
    setModeration,
  };
}
