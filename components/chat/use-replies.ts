"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { apiFetch, type ApiResult } from "@/lib/client/api";
import type { ChatMessageJson, ReactionGroupJson, ThreadSummaryJson } from "@/lib/chat/schemas";
import { useSocket } from "@/components/realtime/RealtimeProvider";
import { listen, type ServerHandlers } from "@/components/realtime/emit-ack";
import { useOutbox } from "@/components/realtime/use-outbox";
import { outgoing, type ChatEmit, type OutgoingAttachment, type OutgoingMessage, type ThreadPhase } from "./use-thread";

type ThreadPage = { root: ChatMessageJson; messages: ChatMessageJson[]; next_cursor: string | null };

const bySeq = (a: ChatMessageJson, b: ChatMessageJson) => a.seq - b.seq;

/**
 * One thread in the side panel: the root and its replies (GET /api/messages/{id}/thread, paged
 * forward), kept live by the channel's events (the channel's view has joined it on this socket),
 * and replies sent with `send_message {channel, thread_id}` through the app's one outbox (the
 * same client_id on a retry, so a resend is stored once).
 */
export function useReplies(rootId: string, slug: string, emit: ChatEmit) {
  const socket = useSocket("/chat");
  const [phase, setPhase] = useState<ThreadPhase>({ kind: "loading" });
  const [root, setRoot] = useState<ChatMessageJson | null>(null);
  const [replies, setReplies] = useState<ChatMessageJson[]>([]);
  const settleRef = useRef<(ids: Iterable<string | null | undefined>) => void>(() => {});

  const merge = useCallback((incoming: ChatMessageJson[]) => {
    if (!incoming.length) return;
    setReplies((list) => {
      const byId = new Map(list.map((m) => [m.id, m]));
      for (const m of incoming) byId.set(m.id, m);
      return [...byId.values()].sort(bySeq);
    });
    settleRef.current(incoming.map((m) => m.client_id));
  }, []);

  const load = useCallback(async () => {
    let after: string | null = null;
    for (let i = 0; i < 50; i++) {
      const q: URLSearchParams = new URLSearchParams({ limit: "100", ...(after ? { after } : {}) });
      const page: ApiResult<ThreadPage> = await apiFetch<ThreadPage>(`/api/messages/${encodeURIComponent(rootId)}/thread?${q}`);
      if (!page.ok) {
        setPhase({ kind: "error", code: page.error?.code ?? "INTERNAL", message: page.error?.error ?? "" });
        return;
      }
      setRoot(page.data.root);
      merge(page.data.messages);
      after = page.data.next_cursor;
      if (!after) break;
    }
    setPhase({ kind: "ready" });
  }, [rootId, merge]);

  const patch = useCallback(
    (id: string, change: Partial<ChatMessageJson>) => {
      if (id === rootId) setRoot((r) => (r ? { ...r, ...change } : r));
      else setReplies((list) => list.map((m) => (m.id === id ? { ...m, ...change } : m)));
    },
    [rootId],
  );

  // One hook per thread (the panel is keyed by the root): the first load starts from empty state.
  useEffect(() => {
    void load();
  }, [load]);

  useEffect(() => {
    if (!socket) return;
    const on: ServerHandlers<"/chat"> = {
      message_created: (m: ChatMessageJson) => {
        if (m.thread_id === rootId) merge([m]);
      },
      message_updated: (p: { id: string; content: string | null; edited_at: string | null }) =>
        patch(p.id, { content: p.content, edited_at: p.edited_at }),
      message_deleted: (p: { id: string }) => patch(p.id, { deleted: true, content: null, attachment: undefined, reactions: [] }),
      reaction_updated: (p: { id: string; reactions: ReactionGroupJson[] }) => patch(p.id, { reactions: p.reactions }),
      thread_updated: (p: ThreadSummaryJson) => {
        if (p.id !== rootId) return;
        setRoot((r) =>
          r && p.reply_count >= r.reply_count
            ? { ...r, reply_count: p.reply_count, last_reply_at: p.last_reply_at, reply_user_ids: p.reply_user_ids }
            : r,
        );
      },
      pin_updated: (p: { id: string; pinned_at: string | null; pinned_by: string | null }) =>
        patch(p.id, { pinned_at: p.pinned_at, pinned_by: p.pinned_by }),
    };
    // A reconnect that could not be recovered may have lost replies: load the thread again.
    const onConnect = () => {
      if (!socket.recovered) void load();
    };
    const stop = listen(socket, on);
    socket.on("connect", onConnect);
    return () => {
      stop();
      socket.off("connect", onConnect);
    };
  }, [socket, rootId, merge, patch, load]);

  const outbox = useOutbox<OutgoingMessage>(
    useCallback(
      async (item) => {
        const ack = await emit("send_message", {
          channel: slug,
          thread_id: rootId,
          content: item.content || undefined,
          message_type: item.message_type,
          upload_id: item.upload_id,
          client_id: item.client_id,
        });
        if (!ack.success) return { ok: false, code: ack.code };
        merge([ack.message]);
        return { ok: true };
      },
      [emit, merge, rootId, slug],
    ),
  );
  const { deliver, enqueue, discard } = outbox;
  settleRef.current = outbox.settle;

  const send = useCallback(
    (content: string, attachment?: OutgoingAttachment) => enqueue(outgoing(content, attachment), !!socket?.connected),
    [enqueue, socket],
  );

  // Whatever was never acknowledged goes again when the socket is back.
  useEffect(() => {
    if (!socket) return;
    const again = () => outbox.resendAll();
    socket.on("connect", again);
    return () => {
      socket.off("connect", again);
    };
  }, [socket, outbox]);

  return { phase, root, replies, outbox: outbox.items, send, retry: deliver, discard, patch };
}
