"use client";

import { useCallback, useEffect, useState } from "react";
import { apiFetch, type ApiResult } from "@/lib/client/api";
import type { ChatMessageJson, ReactionGroupJson, ThreadSummaryJson } from "@/lib/chat/schemas";
import { useSocket } from "@/components/realtime/RealtimeProvider";
import { newClientId, type AckResult } from "./chat-utils";
import type { OutgoingMessage, ThreadPhase } from "./use-thread";

type ThreadPage = { root: ChatMessageJson; messages: ChatMessageJson[]; next_cursor: string | null };

const bySeq = (a: ChatMessageJson, b: ChatMessageJson) => a.seq - b.seq;

/**
 * One thread in the side panel: the root and its replies (GET /api/messages/{id}/thread, paged
 * forward), kept live by the channel's events (the channel's view has joined it on this socket),
 * and replies sent with `send_message {channel, thread_id}` through a small outbox (the same
 * client_id on a retry, so a resend is stored once).
 */
export function useReplies(
  rootId: string,
  slug: string,
  emit: <T extends object = object>(event: string, payload: Record<string, unknown>) => Promise<AckResult<T>>,
) {
  const socket = useSocket("/chat");
  const [phase, setPhase] = useState<ThreadPhase>({ kind: "loading" });
  const [root, setRoot] = useState<ChatMessageJson | null>(null);
  const [replies, setReplies] = useState<ChatMessageJson[]>([]);
  const [outbox, setOutbox] = useState<OutgoingMessage[]>([]);

  const merge = useCallback((incoming: ChatMessageJson[]) => {
    if (!incoming.length) return;
    setReplies((list) => {
      const byId = new Map(list.map((m) => [m.id, m]));
      for (const m of incoming) byId.set(m.id, m);
      return [...byId.values()].sort(bySeq);
    });
    const sent = new Set(incoming.map((m) => m.client_id).filter(Boolean));
    if (sent.size) setOutbox((prev) => prev.filter((o) => !sent.has(o.client_id)));
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
    const on = {
      message_created: (raw: Record<string, unknown>) => {
        const m = raw as unknown as ChatMessageJson;
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
    for (const [event, fn] of Object.entries(on)) socket.on(event as never, fn as never);
    socket.on("connect", onConnect);
    return () => {
      for (const [event, fn] of Object.entries(on)) socket.off(event as never, fn as never);
      socket.off("connect", onConnect);
    };
  }, [socket, rootId, merge, patch, load]);

  const deliver = useCallback(
    async (item: OutgoingMessage) => {
      setOutbox((prev) => prev.map((o) => (o.client_id === item.client_id ? { ...o, status: "sending", code: undefined } : o)));
      const ack = await emit<{ message: ChatMessageJson }>("send_message", {
        channel: slug,
        thread_id: rootId,
        content: item.content || undefined,
        message_type: item.message_type,
        upload_id: item.upload_id,
        client_id: item.client_id,
      });
      if (ack.success) return merge([ack.message]);
      setOutbox((prev) => prev.map((o) => (o.client_id === item.client_id ? { ...o, status: "failed", code: ack.code } : o)));
    },
    [emit, merge, rootId, slug],
  );

  const send = useCallback(
    (content: string, attachment?: { id: string; kind: string; name: string }) => {
      const message_type = (
        attachment ? (["image", "audio", "video"].includes(attachment.kind) ? attachment.kind : "file") : "text"
      ) as OutgoingMessage["message_type"];
      const item: OutgoingMessage = {
        client_id: newClientId(),
        content,
        message_type,
        upload_id: attachment?.id,
        attachment_name: attachment?.name,
        status: "sending",
      };
      setOutbox((prev) => [...prev, item]);
      void deliver(item);
    },
    [deliver],
  );

  const discard = useCallback((clientId: string) => setOutbox((prev) => prev.filter((o) => o.client_id !== clientId)), []);

  return { phase, root, replies, outbox, send, retry: deliver, discard, patch };
}
