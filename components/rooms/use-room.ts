"use client";

import { emitAck, listen, OFFLINE, TIMEOUT, type AckResult, type LocalRefusal, type ServerHandlers } from "@/components/realtime/emit-ack";
import type { ClientEventName, Payload } from "@/lib/realtime/contract";
import { useCallback, useEffect, useRef, useState } from "react";
import { useSocket } from "@/components/realtime/RealtimeProvider";
import { newClientId, useOutbox, type OutboxItem } from "@/components/realtime/use-outbox";
import type { NoteJson, ParticipantJson, RoomJson, RoomMessageJson } from "@/lib/rooms/schemas";
import type { HandJson, ModerationJson, PollJson, QuestionJson } from "@/lib/rooms/class-schemas";

export interface OutgoingMessage extends OutboxItem {
  content: string;
}

/** The room's own events (join and send have their own paths here); `room_id` is added. */
export type RoomEvent = Exclude<ClientEventName<"/rooms">, "join_room" | "send_message">;
export type RoomEmit = <E extends RoomEvent>(
  event: E,
  payload: Omit<Payload<"/rooms", E>, "room_id">,
) => Promise<AckResult<"/rooms", E> | LocalRefusal>;

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
  const [polls, setPolls] = useState<PollJson[]>([]);
  const [questions, setQuestions] = useState<QuestionJson[]>([]);
  const [hands, setHands] = useState<HandJson[]>([]);
  const [moderation, setModeration] = useState<ModerationJson | null>(null);
  const messagesIn = useRef<(incoming: RoomMessageJson[]) => void>(() => {});

  const outbox = useOutbox<OutgoingMessage>(
    useCallback(
      async (item) => {
        const ack = socket
          ? await emitAck(socket, "send_message", { room_id: code, content: item.content, client_id: item.client_id })
          : null;
        if (!ack) return { ok: false, code: socket ? "TIMEOUT" : "OFFLINE" };
        if (!ack.success) return { ok: false, code: ack.code };
        messagesIn.current([ack.message]);
        return { ok: true };
      },
      [socket, code],
    ),
  );
  const { settle, deliver, resendAll, enqueue } = outbox;

  const mergeMessages = useCallback(
    (incoming: RoomMessageJson[]) => {
      setMessages((prev) => {
        const map = new Map(prev.map((m) => [m.id, m]));
        for (const m of incoming) map.set(m.id, m);
        return [...map.values()].sort(byTime);
      });
      settle(incoming.map((m) => m.client_id));
    },
    [settle],
  );
  messagesIn.current = mergeMessages;

  const send = useCallback((content: string) => enqueue({ client_id: newClientId(), content }, !!socket?.connected), [enqueue, socket]);

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
      const ack = await emitAck(socket, "join_room", { room_id: code }, 15_000);
      if (!active) return;
      if (!ack) {
        held = null;
        return setPhase({ kind: "error", code: "TIMEOUT", message: "timeout" });
      }
      {
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
        resendAll();
      }
    };
    const onConnect = () => {
      if (!socket.recovered) void join();
    };
    const on: ServerHandlers<"/rooms"> = {
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
    const holding = Object.fromEntries(
      Object.entries(on).map(([event, fn]) => [
        event,
        (payload: unknown) => {
          const apply = () => (fn as (p: unknown) => void)(payload);
          if (held) held.push(apply);
          else apply();
        },
      ]),
    ) as ServerHandlers<"/rooms">;
    const stop = listen(socket, holding);
    socket.on("connect", onConnect);
    if (socket.connected) void join();
    return () => {
      active = false;
      socket.off("connect", onConnect);
      stop();
    };
  }, [socket, code, me, mergeMessages, resendAll]);

  const emit: RoomEmit = useCallback(
    async (event, payload) => {
      if (!socket) return OFFLINE;
      return (await emitAck(socket, event, { room_id: code, ...payload } as Payload<"/rooms", typeof event>)) ?? TIMEOUT;
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
    outbox: outbox.items,
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
