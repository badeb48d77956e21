"use client";

import { useEffect, useRef, type Dispatch, type SetStateAction } from "react";
import { apiFetch } from "@/lib/client/api";
import type { CourseRegisterJson } from "@/lib/meetings/register-schemas";
import { useSocket } from "@/components/realtime/RealtimeProvider";

/**
 * A class of 300 joining sends as many `meeting_updated`: the register reloads once per quiet
 * second instead, and at most every few seconds while they keep coming.
 */
const QUIET_MS = 1_000;
const MAX_WAIT_MS = 5_000;

/**
 * Keeps an open register current: `meeting_updated` on /chat (the instructor hears every change of
 * their meetings) for a session of this course, or a meeting linked to it or unlinked from it,
 * reloads `GET /api/channels/:slug/attendance`; so does a reconnection (events missed meanwhile
 * are not replayed).
 */
export function useLiveRegister(register: CourseRegisterJson, setRegister: Dispatch<SetStateAction<CourseRegisterJson>>) {
  const socket = useSocket("/chat");
  const slug = register.course.slug;
  const sessionIds = useRef(new Set<string>());
  useEffect(() => {
    sessionIds.current = new Set(register.sessions.map((s) => s.id));
  }, [register.sessions]);

  useEffect(() => {
    if (!socket) return;
    let quiet: ReturnType<typeof setTimeout> | undefined;
    let firstAt = 0;
    let closed = false;
    const reload = () => {
      clearTimeout(quiet);
      quiet = undefined;
      firstAt = 0;
      void apiFetch<CourseRegisterJson>(`/api/channels/${encodeURIComponent(slug)}/attendance?format=json`).then((res) => {
        if (res.ok && !closed) setRegister(res.data);
      });
    };
    const soon = () => {
      const now = Date.now();
      firstAt ||= now;
      clearTimeout(quiet);
      quiet = setTimeout(reload, Math.max(0, Math.min(QUIET_MS, firstAt + MAX_WAIT_MS - now)));
    };
    const onUpdated = ({ meeting }: { meeting: { id: string; course: { slug: string } | null } }) => {
      if (meeting.course?.slug === slug || sessionIds.current.has(meeting.id)) soon();
    };
    let connectedBefore = socket.connected;
    const onConnect = () => {
      if (connectedBefore) soon();
      connectedBefore = true;
    };
    socket.on("meeting_updated", onUpdated);
    socket.on("connect", onConnect);
    return () => {
      closed = true;
      clearTimeout(quiet);
      socket.off("meeting_updated", onUpdated);
      socket.off("connect", onConnect);
    };
  }, [socket, slug, setRegister]);
}
