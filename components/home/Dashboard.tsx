import Link from "next/link";
import type { ReactNode } from "react";
import type { Me } from "@/lib/accounts/schemas";
import { listChannels } from "@/lib/chat/channels";
import type { I18n } from "@/lib/i18n/translate";
import { listMyRooms } from "@/lib/rooms/service";
import { HomeMeetings } from "@/components/meetings/HomeMeetings";
import { Badge } from "@/components/ui/Badge";
import { ButtonLink } from "@/components/ui/Button";
import { Card, CardHeader } from "@/components/ui/Card";
import { EmptyState } from "@/components/ui/EmptyState";
import type { IconName } from "@/components/ui/Icon";
import { Page, PageHeader } from "@/components/ui/Page";

/**
 * Home of a signed-in user: their rooms, channels and meetings. A section with nothing to show
 * shows an empty state with the way to its feature.
 */
export async function Dashboard({ user, i18n }: { user: Me; i18n: I18n }) {
  const { t } = i18n;
  const [rooms, channels] = await Promise.all([myRooms(user.id, i18n), myChannels(user.id, i18n)]);
  const instructor = user.role === "instructor";
  const sections: {
    id: string;
    icon: IconName;
    title: string;
    emptyTitle: string;
    emptyBody: string;
    href: string;
    action: string;
    content?: ReactNode;
  }[] = [
    {
      id: "rooms",
      icon: "rooms",
      title: t("home.rooms.title"),
      emptyTitle: t("home.rooms.emptyTitle"),
      emptyBody: t("home.rooms.emptyBody"),
      href: "/rooms",
      action: t("home.rooms.action"),
      content: rooms,
    },
    {
      id: "channels",
      icon: "chat",
      title: t("home.channels.title"),
      emptyTitle: t("home.channels.emptyTitle"),
      emptyBody: t("home.channels.emptyBody"),
      href: "/chat",
      action: t("home.channels.action"),
      content: channels,
    },
    {
      id: "meetings",
      icon: "meetings",
      title: t("home.meetings.title"),
      emptyTitle: t("home.meetings.emptyTitle"),
      emptyBody: instructor ? t("home.meetings.emptyBodyInstructor") : t("home.meetings.emptyBodyStudent"),
      href: instructor ? "/dashboard/meetings" : "/meetings",
      action: instructor ? t("home.meetings.actionInstructor") : t("home.meetings.actionStudent"),
    },
  ];
  return (
    <Page>
      <PageHeader title={t("home.greeting", { name: user.name })} description={t("home.intro")}>
        <p className="order-first mb-1.5 text-sm font-medium text-accent first-letter:uppercase">
          {i18n.formatDate(new Date(), "weekdayDate")}
        </p>
      </PageHeader>
      <div className="grid gap-5 md:grid-cols-2 xl:grid-cols-3">
        {sections.map((s) => {
          const empty = (
            <EmptyState
              icon={s.icon}
              title={s.emptyTitle}
              description={s.emptyBody}
              className="flex-1 pt-6"
              action={
                <ButtonLink href={s.href} variant="secondary" size="sm">
                  {s.action}
                </ButtonLink>
              }
            />
          );
          return (
            <Card key={s.id} aria-labelledby={`home-${s.id}`} className="flex flex-col" data-testid={`home-${s.id}`}>
              <CardHeader id={`home-${s.id}`} title={s.title} />
              {s.id === "meetings" ? <HomeMeetings user={user} i18n={i18n} empty={empty} /> : (s.content ?? empty)}
            </Card>
          );
        })}
      </div>
    </Page>
  );
}

/** The user's open rooms, most recent first (null when none). */
async function myRooms(userId: string, i18n: I18n): Promise<ReactNode> {
  const { t } = i18n;
  const rooms = (await listMyRooms(userId)).filter((r) => r.is_open).slice(0, 6);
  if (!rooms.length) return null;
  return (
    <div className="flex flex-1 flex-col px-3 pb-4">
      <ul className="flex flex-col gap-0.5" data-testid="home-room-list">
        {rooms.map((r) => (
          <li key={r.room_id}>
            <Link
              href={`/rooms/${r.room_id}`}
              className="flex min-h-11 items-center gap-2.5 rounded-lg px-3 text-sm text-fg hover:bg-surface-2"
            >
              <span className="min-w-0 flex-1 truncate">{r.name}</span>
              <span className="font-mono text-xs text-fg-subtle">{r.room_id}</span>
              {r.is_host ? <Badge tone="accent">{t("rooms.list.host")}</Badge> : null}
            </Link>
          </li>
        ))}
      </ul>
      <div className="mt-auto pt-3 pl-3">
        <ButtonLink href="/rooms" variant="secondary" size="sm">
          {t("home.rooms.action")}
        </ButtonLink>
      </div>
    </div>
  );
}

/** The channels the user is in, most recently active first, with their unread counts (null when none). */
async function myChannels(userId: string, i18n: I18n): Promise<ReactNode> {
  const { t, plural } = i18n;
  const channels = (await listChannels(userId)).filter((c) => c.is_member).slice(0, 6);
  if (!channels.length) return null;
  return (
    <div className="flex flex-1 flex-col px-3 pb-4">
      <ul className="flex flex-col gap-0.5" data-testid="home-channel-list">
        {channels.map((c) => (
          <li key={c.id}>
            <Link
              href={`/chat/${c.slug}`}
              className="flex min-h-11 items-center gap-2.5 rounded-lg px-3 text-sm text-fg hover:bg-surface-2"
            >
              <span className="text-fg-subtle" aria-hidden>
                #
              </span>
              <span className={c.unread_count ? "min-w-0 flex-1 truncate font-semibold" : "min-w-0 flex-1 truncate"}>{c.name}</span>
              {c.unread_count ? (
                <span className="inline-flex min-w-5 items-center justify-center rounded-full bg-accent px-1.5 text-[11px] leading-5 font-semibold text-accent-fg">
                  <span aria-hidden>{c.unread_count > 99 ? "99+" : c.unread_count}</span>
                  <span className="sr-only">{plural("chat.sidebar.unread", c.unread_count)}</span>
                </span>
              ) : null}
            </Link>
          </li>
        ))}
      </ul>
      <div className="mt-auto pt-3 pl-3">
        <ButtonLink href="/chat" variant="secondary" size="sm">
          {t("home.channels.action")}
        </ButtonLink>
      </div>
    </div>
  );
}
