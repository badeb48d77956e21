"use client";

import type { ChatNotification, UnreadUpdate } from "@/lib/chat/events";
import { listen } from "@/components/realtime/emit-ack";
import type { ChatMe } from "./chat-utils";
import Link from "next/link";
import { usePathname, useSearchParams } from "next/navigation";
import { useCallback, useEffect, useState } from "react";
import { apiFetch } from "@/lib/client/api";
import { useI18n } from "@/lib/i18n/client";
import type { ChannelJson, ChatMessageJson } from "@/lib/chat/schemas";
import type { UserSummary } from "@/lib/accounts/schemas";
import { cx } from "@/lib/ui/cx";
import { useSocket } from "@/components/realtime/RealtimeProvider";
import { Avatar } from "@/components/ui/Avatar";
import { Button } from "@/components/ui/Button";
import { Icon } from "@/components/ui/Icon";
import { useChatActivity } from "./ChatActivity";
import { messagePreview, targetFromPath, type Target } from "./chat-utils";
import { BrowseDialog, NewChannelDialog, NewDirectDialog } from "./ChatDialogs";
import { SearchBox } from "./SearchBox";
import { Thread } from "./Thread";

/**
 * Channel counts can arrive out of order (two nodes, a read on another tab): the newer one has the
 * higher `last_seq`, and for the same `last_seq` the lower count (it only goes down then).
 */
function isNewerCount(
  current: { unread_count: number; last_seq?: number; thread_seq?: number },
  update: { unread_count: number; last_seq?: number; thread_seq?: number },
): boolean {
  if (update.last_seq === undefined || current.last_seq === undefined) return true;
  // last_seq and thread_seq (followed threads) only grow: their sum orders the counts.
  const a = current.last_seq + (current.thread_seq ?? 0);
  const b = update.last_seq + (update.thread_seq ?? 0);
  return b > a || (b === a && update.unread_count <= current.unread_count);
}

export interface ConversationJson {
  id: string;
  user: UserSummary & { online: boolean; last_seen: string | null };
  unread_count: number;
  last_message: ChatMessageJson | null;
  last_message_at: string | null;
}

/** The chat: sidebar of channels and conversations, the open one, search. */
export function ChatApp({ me }: { me: ChatMe }) {
  const { t } = useI18n();
  const pathname = usePathname();
  const params = useSearchParams();
  const target = targetFromPath(pathname);
  const around = params.get("message");
  const socket = useSocket("/chat");
  const { seedPresence } = useChatActivity();
  const [channels, setChannels] = useState<ChannelJson[] | null>(null);
  const [conversations, setConversations] = useState<ConversationJson[] | null>(null);
  const [dialog, setDialog] = useState<null | "channel" | "direct" | "browse">(null);

  const reload = useCallback(async () => {
    const [c, d] = await Promise.all([
      apiFetch<{ channels: ChannelJson[] }>("/api/channels"),
      apiFetch<ConversationJson[] | { conversations: ConversationJson[] }>("/api/conversations"),
    ]);
    if (c.ok) setChannels(c.data.channels);
    if (d.ok) {
      const list = Array.isArray(d.data) ? d.data : d.data.conversations;
      setConversations(list);
      seedPresence(list.map((x) => ({ id: x.user.id, online: x.user.online, last_seen: x.user.last_seen })));
    }
  }, [seedPresence]);

  useEffect(() => {
    void reload();
  }, [reload]);

  // A resync (Redis was away on a node) may have cost this page unread updates: read the lists again.
  useEffect(() => {
    if (!socket) return;
    const onResync = () => void reload();
    socket.on("resync", onResync);
    return () => {
      socket.off("resync", onResync);
    };
  }, [socket, reload]);

  useEffect(() => {
    if (!socket) return;
    const onUnread = (p: UnreadUpdate) => {
      const last = p.last_message ?? undefined;
      if (p.channel) {
        setChannels((list) => {
          if (!list?.some((c) => c.slug === p.channel)) {
            void reload();
            return list;
          }
          return list.map((c) =>
            c.slug === p.channel && isNewerCount(c, p)
              ? {
                  ...c,
                  unread_count: p.unread_count,
                  last_seq: p.last_seq ?? c.last_seq,
                  thread_seq: p.thread_seq ?? c.thread_seq,
                  last_message: last ?? c.last_message,
                }
              : c,
          );
        });
      } else if (p.with) {
        setConversations((list) => {
          if (!list?.some((c) => c.user.id === p.with)) {
            void reload();
            return list;
          }
          const next = list.map((c) =>
            c.user.id === p.with
              ? {
                  ...c,
                  unread_count: p.unread_count,
                  last_message: last ?? c.last_message,
                  last_message_at: last?.created_at ?? c.last_message_at,
                }
              : c,
          );
          return next.sort((a, b) => ((b.last_message_at ?? "") > (a.last_message_at ?? "") ? 1 : -1));
        });
      }
    };
    const onCreated = (m: ChatMessageJson) => {
      if (m.conversation && m.from === me.id) {
        setConversations((list) => {
          if (!list?.some((c) => c.id === m.conversation)) {
            void reload();
            return list;
          }
          return list.map((c) => (c.id === m.conversation ? { ...c, last_message: m, last_message_at: m.created_at } : c));
        });
      }
      if (m.channel) setChannels((list) => list?.map((c) => (c.slug === m.channel ? { ...c, last_message: m } : c)) ?? list);
    };
    const onNotification = (p: ChatNotification) => {
      if (p.kind === "added_to_channel") void reload();
    };
    return listen(socket, { unread_update: onUnread, message_created: onCreated, notification: onNotification });
  }, [socket, reload, me.id]);

  const sidebar = <Sidebar me={me} target={target} channels={channels} conversations={conversations} onNew={(d) => setDialog(d)} />;

  return (
    // Exactly the window under the sticky header (4rem and its border): the message list scrolls
    // inside its panel and the composer stays on screen, however long the conversation.
    <div className="mx-auto flex h-[calc(100dvh-4rem-1px)] w-full max-w-6xl flex-col overflow-hidden px-0 sm:px-6 sm:py-4">
      <div className="flex items-center gap-3 border-b border-border px-4 py-2 sm:border-0 sm:px-0 sm:pb-3">
        <h1 className={cx("text-lg font-semibold text-fg sm:text-xl", target && "max-md:sr-only")}>{t("chat.title")}</h1>
        <SearchBox className="ml-auto w-full max-w-md" />
      </div>
      <div className="flex min-h-0 flex-1 overflow-hidden border-border bg-surface sm:rounded-xl sm:border sm:shadow-card">
        <aside
          aria-label={t("chat.sidebar.label")}
          className={cx("w-full shrink-0 overflow-y-auto border-border md:w-72 md:border-r", target ? "max-md:hidden" : "")}
        >
          {sidebar}
        </aside>
        <section className={cx("flex min-h-0 min-w-0 flex-1 flex-col", !target && "max-md:hidden")}>
          {target ? (
            <Thread
              key={target.kind === "channel" ? target.slug : target.userId}
              target={target}
              me={me}
              around={around}
              openThread={params.get("thread")}
              reply={params.get("reply")}
              onLeft={reload}
            />
          ) : (
            <div className="grid h-full place-items-center p-8 text-center">
              <div>
                <Icon name="chat" size={40} className="mx-auto text-fg-subtle" />
                <h2 className="mt-3 font-semibold text-fg">{t("chat.empty.title")}</h2>
                <p className="mt-1 max-w-sm text-sm text-fg-muted">{t("chat.empty.body")}</p>
              </div>
            </div>
          )}
        </section>
      </div>
      <NewChannelDialog open={dialog === "channel"} me={me} onClose={() => setDialog(null)} onCreated={reload} />
      <NewDirectDialog open={dialog === "direct"} me={me} onClose={() => setDialog(null)} />
      <BrowseDialog open={dialog === "browse"} channels={channels ?? []} onClose={() => setDialog(null)} onJoined={reload} />
    </div>
  );
}

function Sidebar({
  me,
  target,
  channels,
  conversations,
  onNew,
}: {
  me: ChatMe;
  target: Target | null;
  channels: ChannelJson[] | null;
  conversations: ConversationJson[] | null;
  onNew: (d: "channel" | "direct" | "browse") => void;
}) {
  const { t, plural } = useI18n();
  const { statusOf } = useChatActivity();
  const mine = channels?.filter((c) => c.is_member) ?? [];
  const row = (active: boolean) =>
    cx(
      "flex min-h-11 items-center gap-2.5 rounded-lg px-2.5 py-1.5 text-sm",
      active ? "bg-accent-soft text-accent-soft-fg" : "text-fg hover:bg-surface-2",
    );
  const heading = (label: string, action: "channel" | "direct", actionLabel: string) => (
    <div className="flex items-center justify-between px-2.5 pt-4 pb-1">
      <h2 className="text-xs font-semibold tracking-wide text-fg-muted uppercase">{label}</h2>
      <button
        type="button"
        onClick={() => onNew(action)}
        className="grid size-8 place-items-center rounded-md text-fg-muted hover:bg-surface-2 hover:text-fg max-sm:size-11"
        title={actionLabel}
      >
        <Icon name="plus" size={18} label={actionLabel} />
      </button>
    </div>
  );
  return (
    <nav className="p-2" data-testid="chat-sidebar">
      {heading(t("chat.sidebar.channels"), "channel", t("chat.sidebar.newChannel"))}
      <ul className="flex flex-col gap-0.5">
        {channels && !mine.length ? <li className="px-2.5 py-1 text-sm text-fg-muted">{t("chat.sidebar.noChannels")}</li> : null}
        {mine.map((c) => {
          const active = target?.kind === "channel" && target.slug === c.slug;
          return (
            <li key={c.id}>
              <Link href={`/chat/${c.slug}`} className={row(active)} aria-current={active ? "page" : undefined}>
                <span className="w-4 text-center text-fg-subtle" aria-hidden>
                  {c.type === "public" ? "#" : <Icon name="lock" size={14} />}
                </span>
                <span className={cx("min-w-0 flex-1 truncate", c.unread_count > 0 && !active && "font-semibold")}>{c.name}</span>
                <UnreadBadge count={active ? 0 : c.unread_count} label={plural("chat.sidebar.unread", c.unread_count)} />
              </Link>
            </li>
          );
        })}
      </ul>
      <button type="button" onClick={() => onNew("browse")} className={cx(row(false), "mt-0.5 w-full text-fg-muted")}>
        <Icon name="globe" size={16} />
        {t("chat.sidebar.browse")}
      </button>
      {heading(t("chat.sidebar.direct"), "direct", t("chat.sidebar.newDirect"))}
      <ul className="flex flex-col gap-0.5" data-testid="chat-conversations">
        {conversations && !conversations.length ? (
          <li className="px-2.5 py-1 text-sm text-fg-muted">{t("chat.sidebar.noDirect")}</li>
        ) : null}
        {conversations?.map((c) => {
          const active = target?.kind === "dm" && target.userId === c.user.id;
          const last = c.last_message;
          const preview = last
            ? last.from === me.id
              ? t("chat.sidebar.you", { text: messagePreview(last, t) })
              : messagePreview(last, t)
            : "";
          return (
            <li key={c.id}>
              <Link href={`/chat/dm/${c.user.id}`} className={row(active)} aria-current={active ? "page" : undefined}>
                <Avatar user={c.user} size="sm" status={statusOf(c.user.id)} />
                <span className="min-w-0 flex-1">
                  <span className={cx("block truncate", c.unread_count > 0 && !active && "font-semibold")}>{c.user.name}</span>
                  <span className="block truncate text-xs text-fg-muted">{preview}</span>
                </span>
                <UnreadBadge count={active ? 0 : c.unread_count} label={plural("chat.sidebar.unread", c.unread_count)} />
              </Link>
            </li>
          );
        })}
      </ul>
      <NotificationsButton />
    </nav>
  );
}

export function UnreadBadge({ count, label }: { count: number; label: string }) {
  if (!count) return null;
  return (
    <span
      className="inline-flex min-w-5 items-center justify-center rounded-full bg-accent px-1.5 text-[11px] leading-5 font-semibold text-accent-fg"
      data-testid="unread-badge"
    >
      <span aria-hidden>{count > 99 ? "99+" : count}</span>
      <span className="sr-only">{label}</span>
    </span>
  );
}

/** Asks for the browser's permission from a click, never on load. */
function NotificationsButton() {
  const { t } = useI18n();
  const [state, setState] = useState<NotificationPermission | "unsupported" | null>(null);
  useEffect(() => setState(typeof Notification === "undefined" ? "unsupported" : Notification.permission), []);
  if (!state || state === "unsupported") return null;
  if (state === "granted")
    return (
      <p className="mt-4 flex items-center gap-2 px-2.5 text-xs text-fg-muted">
        <Icon name="check" size={14} />
        {t("chat.sidebar.notificationsOn")}
      </p>
    );
  if (state === "denied") return <p className="mt-4 px-2.5 text-xs text-fg-muted">{t("chat.sidebar.notificationsBlocked")}</p>;
  return (
    <Button
      variant="ghost"
      size="sm"
      className="mt-4 w-full justify-start"
      onClick={async () => setState(await Notification.requestPermission())}
    >
      {t("chat.sidebar.notifications")}
    </Button>
  );
}
