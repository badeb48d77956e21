"use client";

import type { ChatBroadcasts, ChatNotification } from "@/lib/chat/events";
import { listen } from "@/components/realtime/emit-ack";
import { usePathname, useRouter } from "next/navigation";
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { useI18n } from "@/lib/i18n/client";
import type { ChatMessageJson, ChosenStatus, PresenceStatus } from "@/lib/chat/schemas";
import { useSocket } from "@/components/realtime/RealtimeProvider";
import { useToast } from "@/components/ui/Toast";
import { messagePreview } from "./chat-utils";

interface ChatActivity {
  /** Users seen online (snapshot and updates of the always-open /chat socket). */
  online: ReadonlySet<string>;
  lastSeen: ReadonlyMap<string, string | null>;
  /** Direct messages and mentions received while away from /chat. */
  badge: number;
  /** Seeds presence from an HTTP answer (members, conversations) that is newer than nothing. */
  seedPresence: (entries: { id: string; online: boolean; last_seen?: string | null }[]) => void;
  /** A user's status for the presence dot (online, away, dnd, offline). */
  statusOf: (userId: string) => PresenceStatus;
  /** The status I chose in the header's menu, and how to change it. */
  myStatus: ChosenStatus;
  chooseStatus: (status: ChosenStatus) => void;
}

const Ctx = createContext<ChatActivity>({
  online: new Set(),
  lastSeen: new Map(),
  badge: 0,
  seedPresence: () => {},
  statusOf: () => "offline",
  myStatus: "auto",
  chooseStatus: () => {},
});

/** No input in any tab for this long: the server shows the user away (status "auto"). */
const IDLE_AFTER_MS = 10 * 60 * 1000;
const INPUT_EVENTS = ["pointerdown", "pointermove", "keydown", "wheel", "touchstart"] as const;

/**
 * Chat activity on every page: presence from the /chat socket, receipts of arrival
 * (`mark_delivered` for each direct message this socket receives), and notifications: a toast
 * and a badge on the header's Chat link when away from /chat, the browser's Notification when the
 * tab is hidden and the user allowed it.
 */
export function ChatActivityProvider({ me, children }: { me: string | null; children: ReactNode }) {
  const socket = useSocket("/chat");
  const { t } = useI18n();
  const toast = useToast();
  const router = useRouter();
  const pathname = usePathname();
  const inChat = pathname === "/chat" || pathname.startsWith("/chat/");
  const inChatRef = useRef(inChat);
  inChatRef.current = inChat;
  const [online, setOnline] = useState<ReadonlySet<string>>(new Set());
  const [lastSeen, setLastSeen] = useState<ReadonlyMap<string, string | null>>(new Map());
  const [badge, setBadge] = useState(0);
  const [statuses, setStatuses] = useState<ReadonlyMap<string, PresenceStatus>>(new Map());
  const [myStatus, setMyStatus] = useState<ChosenStatus>("auto");
  const dndRef = useRef(false);
  dndRef.current = myStatus === "dnd";

  useEffect(() => {
    if (inChat) setBadge(0);
  }, [inChat]);

  const seedPresence = useCallback((entries: { id: string; online: boolean; last_seen?: string | null }[]) => {
    setOnline((prev) => {
      const next = new Set(prev);
      for (const e of entries)
        if (e.online) next.add(e.id);
        else next.delete(e.id);
      return next;
    });
    setLastSeen((prev) => {
      const next = new Map(prev);
      for (const e of entries) if (e.last_seen !== undefined) next.set(e.id, e.last_seen);
      return next;
    });
  }, []);

  useEffect(() => {
    if (!socket || !me) return;
    const onSnapshot = (p: ChatBroadcasts["presence_snapshot"]) => {
      setOnline(new Set(p.online_user_ids));
      setStatuses(new Map(Object.entries(p.statuses ?? {})));
      if (p.my_status) setMyStatus(p.my_status);
    };
    const onUpdate = (p: ChatBroadcasts["presence_update"]) => {
      // My own status changed in another tab (or here): the menu follows.
      if (p.user_id === me && p.my_status) setMyStatus(p.my_status);
      setStatuses((prev) => new Map(prev).set(p.user_id, p.status ?? (p.online ? "online" : "offline")));
      setOnline((prev) => {
        const next = new Set(prev);
        if (p.online) next.add(p.user_id);
        else next.delete(p.user_id);
        return next;
      });
      setLastSeen((prev) => new Map(prev).set(p.user_id, p.last_seen));
    };
    const onCreated = (m: ChatMessageJson) => {
      if (m.to === me && m.status === "sent") socket.emit("mark_delivered", { id: m.id });
    };
    const onNotification = (n: ChatNotification) => {
      let title: string;
      let href: string;
      if (n.kind === "direct_message") {
        title = t("chat.notify.direct", { name: n.from.name });
        href = `/chat/dm/${n.from.id}`;
      } else if (n.kind === "mention") {
        title = t("chat.notify.mention", { name: n.from.name, channel: n.channel.name });
        // A mention in a reply opens its root with the thread on the reply.
        href = n.message.thread_id
          ? `/chat/${n.channel.slug}?message=${n.message.thread_id}&thread=${n.message.thread_id}&reply=${n.message.id}`
          : `/chat/${n.channel.slug}?message=${n.message.id}`;
      } else {
        title = t("chat.notify.added", { name: n.from.name, channel: n.channel.name });
        href = `/chat/${n.channel.slug}`;
      }
      const body = "message" in n ? messagePreview(n.message, t) : undefined;
      // Do not disturb: the badge still counts, but nothing pops up or sounds.
      if (dndRef.current) {
        if (!inChatRef.current && n.kind !== "added_to_channel") setBadge((b) => b + 1);
        return;
      }
      if (document.hidden && typeof Notification !== "undefined" && Notification.permission === "granted") {
        try {
          const shown = new Notification(title, { body, tag: "message" in n ? n.message.id : href });
          shown.onclick = () => {
            window.focus();
            router.push(href);
          };
        } catch {
          /* some browsers only allow notifications from a service worker */
        }
      }
      if (inChatRef.current || n.kind === "added_to_channel") return;
      setBadge((b) => b + 1);
      toast({ title, description: body, tone: "info" });
    };
    return listen(socket, {
      presence_snapshot: onSnapshot,
      presence_update: onUpdate,
      message_created: onCreated,
      notification: onNotification,
    });
  }, [socket, me, t, toast, router]);

  // Idle detection: after 10 minutes without input in this tab it reports idle; any input reports
  // active again. The server shows "away" only when every tab of the user is idle.
  useEffect(() => {
    if (!socket || !me) return;
    let idle = false;
    let timer: ReturnType<typeof setTimeout>;
    const goIdle = () => {
      idle = true;
      socket.emit("set_idle", { idle: true });
    };
    const onInput = () => {
      clearTimeout(timer);
      timer = setTimeout(goIdle, IDLE_AFTER_MS);
      if (idle) {
        idle = false;
        socket.emit("set_idle", { idle: false });
      }
    };
    // A new connection starts active on the server: say so again if this tab is idle.
    const onConnect = () => idle && socket.emit("set_idle", { idle: true });
    timer = setTimeout(goIdle, IDLE_AFTER_MS);
    for (const e of INPUT_EVENTS) window.addEventListener(e, onInput, { passive: true });
    socket.on("connect", onConnect);
    return () => {
      clearTimeout(timer);
      for (const e of INPUT_EVENTS) window.removeEventListener(e, onInput);
      socket.off("connect", onConnect);
    };
  }, [socket, me]);

  const statusOf = useCallback(
    (userId: string): PresenceStatus => (online.has(userId) ? (statuses.get(userId) ?? "online") : "offline"),
    [online, statuses],
  );
  const chooseStatus = useCallback(
    (status: ChosenStatus) => {
      setMyStatus(status);
      socket?.emit("set_status", { status });
    },
    [socket],
  );

  const value = useMemo(
    () => ({ online, lastSeen, badge, seedPresence, statusOf, myStatus, chooseStatus }),
    [online, lastSeen, badge, seedPresence, statusOf, myStatus, chooseStatus],
  );
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useChatActivity(): ChatActivity {
  return useContext(Ctx);
}
