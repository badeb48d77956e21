"use client";

import { useCallback, useRef, useState } from "react";

/** What waits in an outbox: the client_id makes a resend idempotent (the server stores a message once). */
export interface OutboxItem {
  client_id: string;
  status: "sending" | "failed";
  /** The refusal's code (translated where it is shown). */
  code?: string;
}

/** A delivery's outcome: acknowledged, refused by the server (with its code), or not answered. */
export type DeliveryResult = { ok: true } | { ok: false; code: string };

/** Not acknowledged, but not refused either: it stays "sending" and goes again after the reconnect. */
const UNANSWERED = new Set(["OFFLINE", "TIMEOUT"]);

export const newClientId = () => (crypto.randomUUID ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`);

/**
 * The browser's one outbox (room chat and campus chat): what was typed stays visible until the
 * server acknowledged it; an unanswered send goes again, with the same client_id, when the
 * socket is back (`resendAll`); a refusal marks it failed, to retry or discard.
 */
export function useOutbox<T extends OutboxItem>(transmit: (item: T) => Promise<DeliveryResult>) {
  const [items, setItems] = useState<T[]>([]);
  const itemsRef = useRef(items);
  itemsRef.current = items;

  const setStatus = useCallback(
    (clientId: string, status: OutboxItem["status"], code?: string) =>
      setItems((prev) => prev.map((o) => (o.client_id === clientId ? { ...o, status, code } : o))),
    [],
  );

  const settle = useCallback((clientIds: Iterable<string | null | undefined>) => {
    const sent = new Set([...clientIds].filter((id): id is string => !!id));
    if (sent.size) setItems((prev) => prev.filter((o) => !sent.has(o.client_id)));
  }, []);

  const deliver = useCallback(
    async (item: T) => {
      setStatus(item.client_id, "sending");
      const result = await transmit(item);
      if (result.ok) return settle([item.client_id]);
      if (!UNANSWERED.has(result.code)) setStatus(item.client_id, "failed", result.code);
    },
    [transmit, setStatus, settle],
  );

  /** Queue a new item; it is sent now when `connected`, otherwise by the next `resendAll`. */
  const enqueue = useCallback(
    (item: Omit<T, "status" | "code">, connected: boolean) => {
      const queued = { ...item, status: "sending" } as T;
      setItems((prev) => [...prev, queued]);
      if (connected) void deliver(queued);
    },
    [deliver],
  );

  /** Everything never acknowledged goes again (after a join or a reconnect). */
  const resendAll = useCallback(() => {
    for (const item of itemsRef.current) void deliver(item);
  }, [deliver]);

  const discard = useCallback((clientId: string) => setItems((prev) => prev.filter((o) => o.client_id !== clientId)), []);

  return { items, enqueue, deliver, settle, resendAll, discard };
}
