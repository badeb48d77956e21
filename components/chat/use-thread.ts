"use client";

import { emitAck, listen, OFFLINE, TIMEOUT, type AckResult, type LocalRefusal, type ServerHandlers } from "@/components/realtime/emit-ack";
import { newClientId, useOutbox, type OutboxItem } from "@/components/realtime/use-outbox";
import type { ClientEventName, Payload } from "@/lib/realtime/contract";
import { useCallback, useEffect, useRef, useState } from "react";
import { apiFetch, type ApiResult } from "@/lib/client/api";
import type { ChannelJson, ChannelMemberJson, ChatMessageJson, ReactionGroupJson, ThreadSummaryJson } from "@/lib/chat/schemas";
import { useSocket } from "@/components/realtime/RealtimeProvider";
import { SequencedLog } from "@/lib/chat/sequence";
import type { UserSummary } from "@/lib/accounts/schemas";
import type { Target } from "./chat-utils";

export interface OutgoingMessage extends OutboxItem {
  content: string;
  message_type: ChatMessageJson["message_type"];
  upload_id?: string;
  attachment_name?: string;
}

export type OutgoingAttachment = { id: string; kind: string; name: string };

/** A new outbox entry: the message type follows the attachment's kind. */
export function outgoing(content: string, attachment?: OutgoingAttachment): Omit<OutgoingMessage, "status" | "code"> {
  const message_type = (
    attachment ? (["image", "audio", "video"].includes(attachment.kind) ? attachment.kind : "file") : "text"
  ) as OutgoingMessage["message_type"];
  return { client_id: newClientId(), content, message_type, upload_id: attachment?.id, attachment_name: attachment?.name };
}

export type ChatEmit = <E extends ClientEventName<"/chat">>(
  event: E,
  payload: Payload<"/chat", E>,
) => Promise<AckResult<"/chat", E> | LocalRefusal>;

export type ThreadPhase = { kind: "loading" } | { kind: "ready" } | { kind: "error"; code: string; message: string };

type Page = { messages: ChatMessageJson[]; next_cursor: string | null };

const TYPING_FALLBACK_MS = 7_000;
const PAGE = 50;

/**
 * One channel or direct conversation over /chat: opens it (join_channel, or the HTTP history of a
 * conversation), keeps messages, receipts, reactions and typing current, pages back by cursor,
 * loads the context of one message (`around`), and sends through an outbox that retries
 * unacknowledged messages with the same client_id after a reconnect.
 */
export function useThread(target: Target, me: string, around: string | null) {
  const socket = useSocket("/chat");
  const [phase, setPhase] = useState<ThreadPhase>({ kind: "loading" });
  // The log decides order (seq) and gaps; `messages` is its snapshot for rendering.
  const log = useRef(new SequencedLog<ChatMessageJson>([]));
  const [messages, setMessages] = useState<ChatMessageJson[]>([]);
  const [olderCursor, setOlderCursor] = useState<string | null>(null);
  const [loadingOlder, setLoadingOlder] = useState(false);
  const [channel, setChannel] = useState<ChannelJson | null>(null);
  const [members, setMembers] = useState<ChannelMemberJson[]>([]);
  const [membersCursor, setMembersCursor] = useState<string | null>(null);
  /** Names of people met outside the loaded members (a later page, or a join not announced yet). */
  const [people, setPeople] = useState<ReadonlyMap<string, UserSummary>>(new Map());
  const [typing, setTyping] = useState<string[]>([]);
  const settleRef = useRef<(ids: Iterable<string | null | undefined>) => void>(() => {});
  const known = useRef(new Set<string>());
  const typingTimers = useRef(new Map<string, ReturnType<typeof setTimeout>>());
  const key = target.kind === "channel" ? `c:${target.slug}` : `d:${target.userId}`;

  const historyPath = useCallback(
    (q: Record<string, string>) => {
      const params = new URLSearchParams(q);
      if (target.kind === "channel") return `/api/channels/${encodeURIComponent(target.slug)}/messages?${params}`;
      params.set("with", target.userId);
      return `/api/messages?${params}`;
    },
    [target],
  );

  /** Renders the log and settles the outbox entries that the server now holds. */
  const publish = useCallback((arrived: readonly ChatMessageJson[] = []) => {
    setMessages(log.current.messages);
    settleRef.current(arrived.map((m) => m.client_id));
  }, []);

  /** Fetches what follows the last gap-free message until the newest (never duplicating). */
  const catching = useRef<Promise<void> | null>(null);
  const again = useRef(false);
  const catchUp = useCallback((): Promise<void> => {
    if (catching.current) {
      again.current = true;
      return catching.current;
    }
    const run = async () => {
      let rounds = 0;
      do {
        again.current = false;
        let cursor = log.current.catchUpCursor();
        if (!cursor) {
          const page = await apiFetch<Page>(historyPath({ limit: String(PAGE) }));
          if (!page.ok) return;
          log.current.applyCatchUp(page.data.messages, true);
          publish(page.data.messages);
          continue;
        }
        for (let i = 0; i < 50 && cursor; i++) {
          const page: ApiResult<Page> = await apiFetch<Page>(historyPath({ after: cursor, limit: "100" }));
          if (!page.ok) return;
          // A live message that came during the fetch can still stand past a gap: fetch again.
          if (log.current.applyCatchUp(page.data.messages, page.data.next_cursor === null) && rounds++ < 5) again.current = true;
          publish(page.data.messages);
          cursor = page.data.next_cursor;
        }
      } while (again.current);
    };
    catching.current = run().finally(() => {
      catching.current = null;
    });
    return catching.current;
  }, [historyPath, publish]);

  /** A live message, or one an ack brought: merged by seq; a jump in seq fetches what was missed. */
  const receive = useCallback(
    (m: ChatMessageJson) => {
      const gap = log.current.receive(m);
      publish([m]);
      if (gap) void catchUp();
    },
    [publish, catchUp],
  );

  const patch = useCallback((id: string, change: Partial<ChatMessageJson>) => {
    log.current.update(id, change);
    setMessages(log.current.messages);
  }, []);

  /** Someone the page has no name for (typing, writing): their card, once. */
  const learn = useCallback(
    (userId: string) => {
      if (userId === me || known.current.has(userId)) return;
      known.current.add(userId);
      void apiFetch<{ user: UserSummary }>(`/api/users/${encodeURIComponent(userId)}`).then((r) => {
        if (r.ok) setPeople((prev) => new Map(prev).set(userId, r.data.user));
        else known.current.delete(userId);
      });
    },
    [me],
  );

  const belongs = useCallback(
    (m: ChatMessageJson) =>
      target.kind === "channel"
        ? m.channel === target.slug && !m.thread_id // replies live in their thread's panel
        : !!m.conversation && ((m.from === target.userId && m.to === me) || (m.from === me && m.to === target.userId)),
    [target, me],
  );

  const emit: ChatEmit = useCallback(
    async (event, payload) => {
      if (!socket) return OFFLINE;
      return (await emitAck(socket, event, payload)) ?? TIMEOUT;
    },
    [socket],
  );

  const outbox = useOutbox<OutgoingMessage>(
    useCallback(
      async (item) => {
        const dest = target.kind === "channel" ? { channel: target.slug } : { receiver: target.userId };
        const ack = await emit("send_message", {
          ...dest,
          content: item.content || undefined,
          message_type: item.message_type,
          upload_id: item.upload_id,
          client_id: item.client_id,
        });
        if (!ack.success) return { ok: false, code: ack.code };
        receive(ack.message);
        return { ok: true };
      },
      [emit, receive, target],
    ),
  );
  const { deliver, resendAll, enqueue, discard } = outbox;
  settleRef.current = outbox.settle;

  const send = useCallback(
    (content: string, attachment?: OutgoingAttachment) => enqueue(outgoing(content, attachment), !!socket?.connected),
    [enqueue, socket],
  );

  /** The page holding `id` and what follows it, up to the newest message. */
  const loadAround = useCallback(
    async (id: string): Promise<boolean> => {
      const older = await apiFetch<Page>(historyPath({ before: id, limit: "25" }));
      if (!older.ok) return false;
      let cursor = older.data.messages.at(-1)?.id;
      let collected = [...older.data.messages];
      let olderNext = older.data.next_cursor;
      if (!cursor) {
        // Nothing older: it is among the first messages; walk back from the newest page.
        let before: string | null | undefined;
        for (let i = 0; i < 20; i++) {
          const page = await apiFetch<Page>(historyPath(before ? { before, limit: "100" } : { limit: "100" }));
          if (!page.ok) return false;
          collected = [...page.data.messages, ...collected];
          if (page.data.messages.some((m) => m.id === id) || !page.data.next_cursor) break;
          before = page.data.next_cursor;
        }
        olderNext = null;
      } else {
        for (let i = 0; i < 20 && cursor; i++) {
          const page: ApiResult<Page> = await apiFetch<Page>(historyPath({ after: cursor, limit: "100" }));
          if (!page.ok) return false;
          collected.push(...page.data.messages);
          cursor = page.data.next_cursor ?? undefined;
        }
      }
      if (!collected.some((m) => m.id === id)) return false;
      log.current = new SequencedLog(collected);
      publish(collected);
      setOlderCursor(olderNext);
      return true;
    },
    [historyPath, publish],
  );

  useEffect(() => {
    setPhase({ kind: "loading" });
    log.current = new SequencedLog([]);
    setMessages([]);
    setOlderCursor(null);
    setChannel(null);
    setMembers([]);
    setMembersCursor(null);
    setTyping([]);
  }, [key]);

  useEffect(() => {
    if (!socket) return;
    let active = true;
    const open = async (first: boolean) => {
      const empty = !log.current.messages.length;
      if (target.kind === "channel") {
        const ack = await emit("join_channel", { channel: target.slug });
        if (!active) return;
        if (!ack.success) return setPhase({ kind: "error", code: ack.code, message: ack.error });
        setChannel(ack.channel);
        setMembers(ack.members);
        setMembersCursor(ack.members_next_cursor ?? null);
        if (first && around && (await loadAround(around))) {
          // The message's context replaces the newest page.
        } else if (first || empty) {
          log.current = new SequencedLog(ack.messages);
          publish(ack.messages);
          setOlderCursor(ack.next_cursor);
        } else await catchUp();
      } else if (first) {
        if (!(around && (await loadAround(around)))) {
          const page = await apiFetch<Page>(historyPath({ limit: String(PAGE) }));
          if (!active) return;
          if (!page.ok) return setPhase({ kind: "error", code: page.error?.code ?? (page.network ? "TIMEOUT" : "INTERNAL"), message: "" });
          log.current = new SequencedLog(page.data.messages);
          publish(page.data.messages);
          setOlderCursor(page.data.next_cursor);
        }
      } else await catchUp();
      if (!active) return;
      setPhase({ kind: "ready" });
      resendAll();
    };
    const stopTyping = (userId: string) => {
      clearTimeout(typingTimers.current.get(userId));
      typingTimers.current.delete(userId);
      setTyping((list) => list.filter((u) => u !== userId));
    };
    const on: ServerHandlers<"/chat"> = {
      message_created: (m: ChatMessageJson) => {
        if (!belongs(m)) return;
        receive(m);
        stopTyping(m.from);
      },
      message_updated: (p: { id: string; content: string | null; edited_at: string | null }) =>
        patch(p.id, { content: p.content, edited_at: p.edited_at }),
      message_deleted: (p: { id: string }) => patch(p.id, { deleted: true, content: null, attachment: undefined, reactions: [] }),
      message_delivered: (p: { id: string }) => {
        if (log.current.messages.find((m) => m.id === p.id)?.status === "sent") patch(p.id, { status: "delivered" });
      },
      message_read: (p: { id: string }) => patch(p.id, { status: "read" }),
      reaction_updated: (p: { id: string; reactions: ReactionGroupJson[] }) => patch(p.id, { reactions: p.reactions }),
      // A root's counters: summaries can cross (two nodes), the one with more replies is newer.
      thread_updated: (p: ThreadSummaryJson) => {
        const root = log.current.messages.find((m) => m.id === p.id);
        if (root && p.reply_count >= root.reply_count)
          patch(p.id, { reply_count: p.reply_count, last_reply_at: p.last_reply_at, reply_user_ids: p.reply_user_ids });
      },
      pin_updated: (p: { id: string; pinned_at: string | null; pinned_by: string | null }) =>
        patch(p.id, { pinned_at: p.pinned_at, pinned_by: p.pinned_by }),
      typing: (p: { user_id: string; channel?: string; is_typing: boolean }) => {
        const mine = target.kind === "channel" ? p.channel === target.slug : !p.channel && p.user_id === target.userId;
        if (!mine || p.user_id === me) return;
        if (!p.is_typing) return stopTyping(p.user_id);
        setTyping((list) => (list.includes(p.user_id) ? list : [...list, p.user_id]));
        clearTimeout(typingTimers.current.get(p.user_id));
        // The server sends the stop; this is in case that event is lost.
        typingTimers.current.set(
          p.user_id,
          setTimeout(() => stopTyping(p.user_id), TYPING_FALLBACK_MS),
        );
      },
      member_joined: (p: { channel: string; member: ChannelMemberJson }) => {
        if (target.kind !== "channel" || p.channel !== target.slug) return;
        setMembers((list) => (list.some((m) => m.id === p.member.id) ? list : [...list, p.member]));
        setChannel((c) => (c ? { ...c, member_count: c.member_count + 1 } : c));
      },
      member_left: (p: { channel: string; user_id: string }) => {
        if (target.kind !== "channel" || p.channel !== target.slug) return;
        setMembers((list) => list.filter((m) => m.id !== p.user_id));
        setChannel((c) => (c ? { ...c, member_count: Math.max(0, c.member_count - 1) } : c));
      },
      // The node's Redis came back: live events may have been lost meanwhile.
      resync: () => void catchUp(),
    };
    const stop = listen(socket, on);
    let opened = false;
    const onConnect = () => {
      if (socket.recovered && opened) return resendAll();
      const first = !opened;
      opened = true;
      void open(first);
    };
    socket.on("connect", onConnect);
    if (socket.connected) onConnect();
    const timers = typingTimers.current;
    return () => {
      active = false;
      socket.off("connect", onConnect);
      stop();
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
      if (target.kind === "channel") socket.emit("leave_channel", { channel: target.slug });
    };
    // `key` stands for target; `around` only matters when opening.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- see the line above
  }, [socket, key]);

  const loadOlder = useCallback(async () => {
    if (!olderCursor || loadingOlder) return;
    setLoadingOlder(true);
    const page = await apiFetch<Page>(historyPath({ before: olderCursor, limit: String(PAGE) }));
    setLoadingOlder(false);
    if (!page.ok) return;
    log.current.prepend(page.data.messages);
    publish(page.data.messages);
    setOlderCursor(page.data.next_cursor);
  }, [olderCursor, loadingOlder, historyPath, publish]);

  const loadMoreMembers = useCallback(async () => {
    if (target.kind !== "channel" || !membersCursor) return;
    const r = await apiFetch<{ members: ChannelMemberJson[]; next_cursor: string | null }>(
      `/api/channels/${encodeURIComponent(target.slug)}/members?${new URLSearchParams({ after: membersCursor })}`,
    );
    if (!r.ok) return;
    setMembers((list) => [...list, ...r.data.members.filter((m) => !list.some((x) => x.id === m.id))]);
    setMembersCursor(r.data.next_cursor);
  }, [target, membersCursor]);

  // Writers and typists the page has no name for (a member of a later page, a join not announced).
  useEffect(() => {
    const names = new Set(members.map((m) => m.id));
    for (const id of typing) if (!names.has(id)) learn(id);
  }, [typing, members, learn]);

  return {
    phase,
    messages,
    olderCursor,
    loadOlder,
    loadingOlder,
    channel,
    setChannel,
    members,
    setMembers,
    membersCursor,
    loadMoreMembers,
    people,
    typing,
    outbox: outbox.items,
    send,
    retry: deliver,
    discard,
    emit,
    patch,
  };
}
