"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { Fragment, useEffect, useLayoutEffect, useRef, useState } from "react";
import { apiFetch } from "@/lib/client/api";
import { useI18n } from "@/lib/i18n/client";
import type { UserSummary } from "@/lib/accounts/schemas";
import { Avatar } from "@/components/ui/Avatar";
import { Button, buttonClasses } from "@/components/ui/Button";
import { ConfirmDialog } from "@/components/ui/Dialog";
import { Icon } from "@/components/ui/Icon";
import { Spinner } from "@/components/ui/Spinner";
import { useChatActivity } from "./ChatActivity";
import type { ChatMe } from "./chat-utils";
import { ackErrorText } from "@/components/realtime/emit-ack";
import { OutboxEntry } from "./OutboxEntry";
import { AddMembersDialog } from "./ChatDialogs";
import { targetHref, type Target } from "./chat-utils";
import { PinsPanel } from "./PinsPanel";
import { ThreadPanel } from "./ThreadPanel";
import { Composer } from "./Composer";
import { MessageItem } from "./MessageItem";
import { useThread } from "./use-thread";

const READ_DEBOUNCE_MS = 400;

function dayKey(iso: string) {
  const d = new Date(iso);
  return `${d.getFullYear()}-${d.getMonth()}-${d.getDate()}`;
}

/** An open channel or conversation: header, messages, typing, composer, members. */
export function Thread({
  target,
  me,
  around,
  openThread = null,
  reply = null,
  onLeft,
}: {
  target: Target;
  me: ChatMe;
  around: string | null;
  /** A thread to open in the side panel (`?thread=<root id>`), and a reply to show in it (`&reply=`). */
  openThread?: string | null;
  reply?: string | null;
  onLeft: () => void;
}) {
  const { t, plural, formatDate, formatRelative } = useI18n();
  const router = useRouter();
  const thread = useThread(target, me.id, around);
  const { online, lastSeen, seedPresence, statusOf } = useChatActivity();
  const [other, setOther] = useState<(UserSummary & { last_seen?: string | null }) | null>(null);
  const [showMembers, setShowMembersState] = useState(false);
  const [showPins, setShowPins] = useState(false);
  const [threadRoot, setThreadRoot] = useState<{ id: string; reply: string | null } | null>(
    openThread && target.kind === "channel" ? { id: openThread, reply } : null,
  );
  // One side panel at a time.
  const setShowMembers = (f: (v: boolean) => boolean) => {
    setShowMembersState(f);
    setShowPins(false);
    setThreadRoot(null);
  };
  const openThreadOf = (id: string, replyId: string | null = null) => {
    setShowMembersState(false);
    setShowPins(false);
    setThreadRoot({ id, reply: replyId });
  };
  // A search hit or a notification in the same channel changes the URL without remounting: follow it.
  const [linked, setLinked] = useState(openThread);
  if (openThread !== linked) {
    setLinked(openThread);
    if (openThread && target.kind === "channel") openThreadOf(openThread, reply);
  }
  const [leaving, setLeaving] = useState<"ask" | "busy" | null>(null);
  const [adding, setAdding] = useState(false);
  const listRef = useRef<HTMLDivElement>(null);
  const stick = useRef(true);
  /** While an older page loads: the first message shown and its distance from the panel's top. */
  const anchor = useRef<{ id: string; top: number } | null>(null);
  /** Messages from others that arrived while the reader was scrolled up. */
  const [unseen, setUnseen] = useState(0);
  const shownNewest = useRef<string | null>(null);
  const [highlight, setHighlight] = useState<string | null>(around);
  const { messages, phase, channel, members } = thread;

  useEffect(() => {
    if (target.kind !== "dm") return;
    void apiFetch<{ user: UserSummary & { last_seen?: string | null; online?: boolean } }>(
      `/api/users/${encodeURIComponent(target.userId)}`,
    ).then((r) => {
      if (!r.ok) return;
      setOther(r.data.user);
      if (r.data.user.online !== undefined)
        seedPresence([{ id: r.data.user.id, online: r.data.user.online, last_seen: r.data.user.last_seen }]);
    });
  }, [target, seedPresence]);
  useEffect(() => {
    if (members.length) seedPresence(members.map((m) => ({ id: m.id, online: m.online, last_seen: m.last_seen })));
  }, [members, seedPresence]);

  // Keep the view at the bottom for new messages, and in place when older ones are prepended.
  useLayoutEffect(() => {
    const el = listRef.current;
    if (!el) return;
    if (anchor.current) {
      // Older messages went in above: put the one that was first back where it was on screen.
      // (Messages arriving at the bottom meanwhile change nothing above it.)
      const { id, top } = anchor.current;
      if (messages[0]?.id !== id) {
        const node = el.querySelector(`[data-message-id="${CSS.escape(id)}"]`);
        if (node) el.scrollTop += node.getBoundingClientRect().top - el.getBoundingClientRect().top - top;
        anchor.current = null;
      } else if (!thread.loadingOlder) anchor.current = null;
    } else if (highlight && phase.kind === "ready") {
      const node = el.querySelector(`[data-message-id="${CSS.escape(highlight)}"]`);
      if (node) {
        node.scrollIntoView({ block: "center" });
        stick.current = false;
      }
    } else if (stick.current) el.scrollTop = el.scrollHeight;
    const last = messages.at(-1);
    if (last && phase.kind === "ready" && shownNewest.current && last.id !== shownNewest.current && !stick.current) {
      const before = messages.findIndex((m) => m.id === shownNewest.current);
      const fresh = messages.slice(before + 1).filter((m) => m.from !== me.id).length;
      if (fresh) setUnseen((n) => n + fresh);
    }
    if (last && phase.kind === "ready") shownNewest.current = last.id;
  }, [messages, thread.outbox.length, thread.typing.length, thread.loadingOlder, phase.kind, highlight, me.id]);

  function toNewest() {
    const el = listRef.current;
    if (!el) return;
    stick.current = true;
    setUnseen(0);
    el.scrollTop = el.scrollHeight;
  }

  useEffect(() => {
    if (!highlight || phase.kind !== "ready") return;
    const timer = setTimeout(() => setHighlight(null), 4000);
    return () => clearTimeout(timer);
  }, [highlight, phase.kind]);

  async function onScroll() {
    const el = listRef.current;
    if (!el) return;
    stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < 80;
    if (stick.current && unseen) setUnseen(0);
    if (el.scrollTop < 120 && thread.olderCursor && !thread.loadingOlder && !anchor.current && messages[0]) {
      const node = el.querySelector(`[data-message-id="${CSS.escape(messages[0].id)}"]`);
      anchor.current = { id: messages[0].id, top: node ? node.getBoundingClientRect().top - el.getBoundingClientRect().top : 0 };
      await thread.loadOlder();
    }
  }

  // Reading: the newest message counts as read while the bottom of the list is on screen in a
  // focused window. A marker goes out only when that message changes, after the reader settled
  // (scroll events come by the dozen a second, and every frame counts against the connection's budget).
  const newest = messages.at(-1);
  const lastMarked = useRef<string | null>(null);
  const readTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => {
    if (!newest || phase.kind !== "ready") return;
    const candidate = () => {
      if (document.hidden || !document.hasFocus()) return null;
      const el = listRef.current;
      if (!el || el.scrollHeight - el.scrollTop - el.clientHeight > 150) return null;
      if (target.kind === "channel") return channel?.is_member !== false ? newest.id : null;
      return [...messages].reverse().find((m) => m.from === target.userId && m.status !== "read")?.id ?? null;
    };
    const settle = () => {
      readTimer.current = null;
      const id = candidate();
      if (!id || id === lastMarked.current) return;
      lastMarked.current = id;
      void thread.emit("mark_read", target.kind === "channel" ? { channel: target.slug, message_id: id } : { id });
    };
    const check = () => {
      const id = candidate();
      if (!id || id === lastMarked.current || readTimer.current) return;
      readTimer.current = setTimeout(settle, READ_DEBOUNCE_MS);
    };
    check();
    window.addEventListener("focus", check);
    document.addEventListener("visibilitychange", check);
    const el = listRef.current;
    el?.addEventListener("scroll", check, { passive: true });
    return () => {
      window.removeEventListener("focus", check);
      document.removeEventListener("visibilitychange", check);
      el?.removeEventListener("scroll", check);
    };
    // Re-armed when the newest message or its status changes, not on every new `messages` array.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- see the line above
  }, [newest?.id, newest?.status, phase.kind, target, channel?.is_member]);
  useEffect(
    () => () => {
      if (readTimer.current) clearTimeout(readTimer.current);
    },
    [],
  );

  const title = target.kind === "channel" ? (channel ? channel.name : target.slug) : (other?.name ?? "");
  const otherOnline = target.kind === "dm" && online.has(target.userId);
  const otherSeen = target.kind === "dm" ? (lastSeen.get(target.userId) ?? other?.last_seen ?? null) : null;
  const isOwner = !!channel && channel.owner_id === me.id;
  const names = new Map<string, string>([
    ...[...thread.people.values()].map((p) => [p.id, p.name] as const),
    ...members.map((m) => [m.id, m.name] as const),
    ...(other ? [[other.id, other.name] as const] : []),
  ]);
  const typingNames = thread.typing.map((id) => names.get(id) ?? "…");
  const canPin = target.kind === "channel" && (isOwner || !!me.is_admin);
  const people = new Map<string, UserSummary>([
    ...[...thread.people.values()].map((p) => [p.id, p] as const),
    ...members.map((m) => [m.id, m] as const),
  ]);
  const lookup = (id: string) => people.get(id);

  return (
    <div className="relative flex min-h-0 flex-1">
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="flex min-h-14 items-center gap-2 border-b border-border px-2 sm:px-4">
          <Link href="/chat" className="grid size-11 place-items-center rounded-lg text-fg-muted hover:bg-surface-2 md:hidden">
            <Icon name="chevronRight" className="rotate-180" label={t("chat.thread.back")} />
          </Link>
          {target.kind === "dm" && other ? (
            <Avatar user={other} size="sm" status={statusOf(other.id)} />
          ) : (
            <span className="text-lg text-fg-subtle" aria-hidden>
              {channel?.type === "public" || !channel ? "#" : <Icon name="lock" size={16} />}
            </span>
          )}
          <div className="min-w-0 flex-1">
            <h2 className="truncate font-semibold text-fg" data-testid="thread-title">
              {title}
            </h2>
            <p className="truncate text-xs text-fg-muted">
              {target.kind === "dm"
                ? otherOnline
                  ? statusOf(target.userId) === "online"
                    ? t("chat.thread.online")
                    : t(`chat.status.${statusOf(target.userId) as "away" | "dnd"}`)
                  : otherSeen
                    ? t("chat.thread.lastSeen", { when: formatRelative(otherSeen) })
                    : t("chat.thread.offline")
                : channel?.description || (channel ? t(`chat.types.${channel.type}`) : "")}
            </p>
          </div>
          {target.kind === "channel" && channel ? (
            <Button
              variant={showPins ? "secondary" : "ghost"}
              size="sm"
              icon="pin"
              onClick={() => {
                setShowMembersState(false);
                setThreadRoot(null);
                setShowPins((v) => !v);
              }}
              aria-expanded={showPins}
              data-testid="open-pins"
            >
              <span className="max-sm:sr-only">{t("chat.pins.open")}</span>
            </Button>
          ) : null}
          {target.kind === "channel" && channel ? (
            <a
              href={`/api/channels/${encodeURIComponent(channel.slug)}/export.md`}
              download
              className={buttonClasses({ variant: "ghost", size: "sm" })}
              title={t("chat.export")}
              data-testid="export-channel"
            >
              <Icon name="download" size={16} />
              <span className="sr-only">{t("chat.export")}</span>
            </a>
          ) : null}
          {target.kind === "channel" && channel ? (
            <Button
              variant={showMembers ? "secondary" : "ghost"}
              size="sm"
              icon="users"
              onClick={() => setShowMembers((v) => !v)}
              aria-expanded={showMembers}
            >
              <span className="max-sm:sr-only">{t("chat.thread.members")}</span> {channel.member_count}
            </Button>
          ) : null}
        </header>

        <div className="relative flex min-h-0 flex-1 flex-col">
          {/* The scroll position is kept by hand when older pages arrive (the browser's own anchoring would add to it). */}
          <div
            ref={listRef}
            onScroll={onScroll}
            className="min-h-0 flex-1 overflow-y-auto px-2 py-3 [overflow-anchor:none] focus-visible:outline-2 focus-visible:outline-accent sm:px-4"
            data-testid="chat-messages"
            role="region"
            aria-label={t("chat.thread.messages")}
            tabIndex={0}
          >
            {phase.kind === "loading" ? (
              <div className="grid h-full place-items-center">
                <Spinner label={t("chat.thread.loading")} />
              </div>
            ) : phase.kind === "error" ? (
              <p className="p-8 text-center text-sm text-fg-muted" role="alert">
                {phase.code === "NOT_FOUND"
                  ? t("chat.thread.notFound")
                  : phase.code === "FORBIDDEN"
                    ? t("chat.thread.forbidden")
                    : `${t("chat.thread.error")} ${ackErrorText(t, phase.code)}`}
              </p>
            ) : (
              <>
                {/* Over the list, not in it: a row inserted at the top would push what is being read. */}
                {thread.loadingOlder ? (
                  <div className="pointer-events-none absolute inset-x-0 top-2 z-10 flex justify-center">
                    <span className="rounded-full bg-surface px-2 py-1 shadow-card">
                      <Spinner size="sm" label={t("chat.thread.loadingOlder")} />
                    </span>
                  </div>
                ) : null}
                {!thread.olderCursor && messages.length ? (
                  <p className="py-3 text-center text-xs text-fg-subtle">{t("chat.thread.beginning")}</p>
                ) : null}
                {!messages.length && !thread.outbox.length ? (
                  <p className="py-10 text-center text-sm text-fg-muted">{t("chat.thread.noMessages")}</p>
                ) : null}
                <ol className="flex flex-col">
                  {messages.map((m, i) => {
                    const prev = messages[i - 1];
                    const newDay = !prev || dayKey(prev.created_at) !== dayKey(m.created_at);
                    const grouped =
                      !newDay &&
                      !!prev &&
                      prev.from === m.from &&
                      !prev.deleted &&
                      new Date(m.created_at).getTime() - new Date(prev.created_at).getTime() < 5 * 60_000;
                    return (
                      <Fragment key={m.id}>
                        {newDay ? (
                          <li className="my-3 flex items-center gap-3 text-xs font-medium text-fg-muted" data-testid="day-separator">
                            <span className="h-px flex-1 bg-border" aria-hidden />
                            <span className="first-letter:uppercase">{dayLabel(m.created_at, t, formatDate)}</span>
                            <span className="h-px flex-1 bg-border" aria-hidden />
                          </li>
                        ) : null}
                        <MessageItem
                          message={m}
                          me={me}
                          grouped={grouped}
                          highlighted={highlight === m.id}
                          direct={target.kind === "dm"}
                          canDelete={m.from === me.id || isOwner}
                          emit={thread.emit}
                          patch={thread.patch}
                          onOpenThread={target.kind === "channel" ? () => openThreadOf(m.id) : undefined}
                          canPin={canPin}
                          lookup={lookup}
                        />
                      </Fragment>
                    );
                  })}
                  {thread.outbox.map((o) => (
                    <OutboxEntry
                      key={o.client_id}
                      item={o}
                      onRetry={() => void thread.retry(o)}
                      onDiscard={() => thread.discard(o.client_id)}
                    />
                  ))}
                </ol>
              </>
            )}
          </div>
          {unseen ? (
            <button
              type="button"
              onClick={toNewest}
              className="absolute bottom-3 left-1/2 z-10 inline-flex -translate-x-1/2 items-center gap-1.5 rounded-full bg-accent px-3 py-1.5 text-sm font-medium text-accent-fg shadow-pop"
              data-testid="new-messages"
              aria-label={`${plural("chat.thread.newMessages", unseen)}. ${t("chat.thread.jumpToNewest")}`}
            >
              <Icon name="chevronRight" size={16} className="rotate-90" />
              {plural("chat.thread.newMessages", unseen)}
            </button>
          ) : null}
        </div>
        <p className="h-5 truncate px-4 text-xs text-fg-muted" aria-live="polite" data-testid="typing">
          {typingNames.length === 1
            ? t("chat.thread.typing1", { name: typingNames[0]! })
            : typingNames.length === 2
              ? t("chat.thread.typing2", { a: typingNames[0]!, b: typingNames[1]! })
              : typingNames.length > 2
                ? t("chat.thread.typingMany")
                : ""}
        </p>
        {phase.kind !== "error" ? (
          <Composer
            name={target.kind === "channel" ? `#${title}` : title}
            disabled={phase.kind !== "ready"}
            onSend={(content, attachment) => {
              stick.current = true;
              thread.send(content, attachment);
            }}
            onTyping={(isTyping) =>
              thread.emit("typing", {
                ...(target.kind === "channel" ? { channel: target.slug } : { receiver: target.userId }),
                is_typing: isTyping,
              })
            }
          />
        ) : null}
      </div>

      {threadRoot && target.kind === "channel" ? (
        <ThreadPanel
          key={threadRoot.id}
          rootId={threadRoot.id}
          slug={target.slug}
          channelName={channel?.name ?? target.slug}
          me={me}
          highlight={threadRoot.reply}
          isOwner={isOwner}
          emit={thread.emit}
          lookup={lookup}
          onClose={() => setThreadRoot(null)}
        />
      ) : null}
      {showPins && target.kind === "channel" ? (
        <PinsPanel
          slug={target.slug}
          me={me}
          onClose={() => setShowPins(false)}
          onJump={(m) => {
            if (m.thread_id) return openThreadOf(m.thread_id, m.id);
            if (messages.some((x) => x.id === m.id)) {
              setShowPins(false);
              setHighlight(m.id);
            } else window.location.assign(targetHref(target, m.id));
          }}
        />
      ) : null}
      {showMembers && channel ? (
        <aside
          className="w-full max-w-xs shrink-0 overflow-y-auto border-l border-border bg-surface max-lg:absolute max-lg:inset-y-0 max-lg:right-0 max-lg:z-20 max-lg:shadow-pop"
          aria-label={t("chat.thread.members")}
          data-testid="chat-members"
        >
          <div className="flex items-center justify-between border-b border-border px-4 py-3">
            <h3 className="font-semibold text-fg">{t("chat.thread.members")}</h3>
            <button
              type="button"
              className="grid size-9 place-items-center rounded-lg text-fg-muted hover:bg-surface-2"
              onClick={() => setShowMembersState(false)}
            >
              <Icon name="close" size={18} label={t("chat.thread.hideMembers")} />
            </button>
          </div>
          {isOwner ? (
            <div className="border-b border-border p-3">
              <Button variant="secondary" size="sm" icon="plus" onClick={() => setAdding(true)} data-testid="add-members">
                {t("chat.addMembers.open")}
              </Button>
            </div>
          ) : null}
          <ul className="p-2">
            {members.map((m) => {
              const on = online.has(m.id);
              const seen = lastSeen.get(m.id) ?? m.last_seen;
              return (
                <li key={m.id}>
                  <Link
                    href={m.id === me.id ? "#" : `/chat/dm/${m.id}`}
                    className="flex items-center gap-3 rounded-lg px-2 py-2 hover:bg-surface-2"
                  >
                    <Avatar user={m} size="sm" status={statusOf(m.id)} />
                    <span className="min-w-0 flex-1">
                      <span className="block truncate text-sm font-medium text-fg">
                        {m.name} {m.id === me.id ? <span className="text-fg-muted">({t("chat.thread.you")})</span> : null}
                      </span>
                      <span className="block truncate text-xs text-fg-muted">
                        {m.is_owner ? `${t("chat.thread.owner")} · ` : ""}
                        {on
                          ? statusOf(m.id) === "online"
                            ? t("chat.thread.online")
                            : t(`chat.status.${statusOf(m.id) as "away" | "dnd"}`)
                          : seen
                            ? t("chat.thread.lastSeen", { when: formatRelative(seen) })
                            : t("chat.thread.offline")}
                      </span>
                    </span>
                  </Link>
                </li>
              );
            })}
          </ul>
          {thread.membersCursor ? (
            <div className="px-3 pb-3">
              <Button variant="ghost" size="sm" onClick={() => void thread.loadMoreMembers()} data-testid="more-members">
                {t("chat.thread.moreMembers")}
              </Button>
            </div>
          ) : null}
          {channel.is_member && !(channel.type === "course" && isOwner) ? (
            <div className="border-t border-border p-3">
              <Button variant="ghost" size="sm" icon="logout" onClick={() => setLeaving("ask")}>
                {t("chat.thread.leave")}
              </Button>
            </div>
          ) : null}
        </aside>
      ) : null}
      {channel && isOwner ? (
        <AddMembersDialog
          open={adding}
          me={me}
          channel={channel}
          memberIds={members.map((m) => m.id)}
          onClose={() => setAdding(false)}
          onAdded={(r) => {
            thread.setChannel(r.channel);
            thread.setMembers(r.members);
          }}
        />
      ) : null}
      <ConfirmDialog
        open={!!leaving}
        busy={leaving === "busy"}
        onClose={() => setLeaving(null)}
        title={t("chat.thread.leaveConfirm")}
        description={t("chat.thread.leaveBody")}
        confirmLabel={t("chat.thread.leave")}
        confirmingLabel={t("chat.thread.leaving")}
        cancelLabel={t("chat.message.cancel")}
        danger
        onConfirm={async () => {
          if (target.kind !== "channel") return;
          setLeaving("busy");
          const r = await apiFetch(`/api/channels/${encodeURIComponent(target.slug)}/leave`, { method: "POST" });
          setLeaving(null);
          if (r.ok) {
            onLeft();
            router.push("/chat");
          }
        }}
      />
    </div>
  );
}

function dayLabel(iso: string, t: ReturnType<typeof useI18n>["t"], formatDate: ReturnType<typeof useI18n>["formatDate"]) {
  const d = new Date(iso);
  const today = new Date();
  const yesterday = new Date(Date.now() - 86_400_000);
  if (dayKey(iso) === dayKey(today.toISOString())) return t("chat.thread.today");
  if (dayKey(iso) === dayKey(yesterday.toISOString())) return t("chat.thread.yesterday");
  return formatDate(d, "weekdayDate");
}
