"use client";

import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useState } from "react";
import type { MeetingJson } from "@/lib/meetings/schemas";
import { useSocket } from "@/components/realtime/RealtimeProvider";

/** A meeting as last received, and when (attended minutes of people in it grow from there). */
export interface Stamped {
  meeting: MeetingJson;
  at: number;
}

/**
 * The meetings a page shows, kept current by `meeting_updated` on /chat (sent to the instructor
 * after every change, to invitees after the changes they should see). `initial` comes from the
 * server render at `renderedAt`; after a reconnection the page is re-rendered from the server,
 * since events sent while the socket was away are not replayed. `accept` filters what may join
 * the list (a page about one meeting takes only that one).
 */
export function useLiveMeetings(initial: MeetingJson[], renderedAt: number, accept: (m: MeetingJson) => boolean = () => true) {
  const router = useRouter();
  const socket = useSocket("/chat");
  const [source, setSource] = useState(initial);
  const [items, setItems] = useState<Stamped[]>(() => initial.map((meeting) => ({ meeting, at: renderedAt })));
  // A server re-render (router.refresh) brings a new `initial`: it is the truth from then on.
  if (source !== initial) {
    setSource(initial);
    setItems(initial.map((meeting) => ({ meeting, at: renderedAt })));
  }
  const acceptRef = useRef(accept);
  acceptRef.current = accept;

  const put = useCallback((meeting: MeetingJson) => {
    setItems((list) => {
      const i = list.findIndex((s) => s.meeting.id === meeting.id);
      if (i < 0) return acceptRef.current(meeting) ? [...list, { meeting, at: Date.now() }] : list;
      // Never go back to an older version of the meeting row (a late answer after a newer event).
      if (new Date(meeting.updated_at) < new Date(list[i]!.meeting.updated_at)) return list;
      const next = list.slice();
      next[i] = { meeting, at: Date.now() };
      return next;
    });
  }, []);

  useEffect(() => {
    if (!socket) return;
    const onUpdated = ({ meeting }: { meeting: MeetingJson }) => put(meeting);
    let connectedBefore = socket.connected;
    const onConnect = () => {
      if (connectedBefore) router.refresh();
      connectedBefore = true;
    };
    socket.on("meeting_updated", onUpdated);
    socket.on("connect", onConnect);
    return () => {
      socket.off("meeting_updated", onUpdated);
      socket.off("connect", onConnect);
    };
  }, [socket, put, router]);

  return { items, put };
}

/** The current time, ticking every `everyMs` once mounted (null during the server render and hydration). */
export function useNow(everyMs = 15_000): number | null {
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

/** Minutes so far: the received value, plus the time since for someone still in the meeting. */
export function liveMinutes(minutes: number, present: boolean, receivedAt: number, now: number | null): number {
  if (!present || now === null) return minutes;
  return Math.round((minutes + Math.max(0, now - receivedAt) / 60_000) * 10) / 10;
}
