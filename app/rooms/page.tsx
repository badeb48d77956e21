import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/lib/auth/current-user";
import { getI18n } from "@/lib/i18n/server";
import { listMyRooms } from "@/lib/rooms/service";
import { RoomLauncher } from "@/components/rooms/RoomLauncher";
import { Badge } from "@/components/ui/Badge";
import { Card, CardHeader } from "@/components/ui/Card";
import { EmptyState } from "@/components/ui/EmptyState";
import { Icon } from "@/components/ui/Icon";
import { Page, PageHeader } from "@/components/ui/Page";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t("rooms.title") };
}

export default async function RoomsPage() {
  const user = await requireUser("/rooms");
  const [{ t, plural, formatRelative }, rooms] = await Promise.all([getI18n(), listMyRooms(user.id)]);
  return (
    <Page>
      <PageHeader title={t("rooms.title")} description={t("rooms.description")} />
      {/* minmax(0,1fr) on phones too: an implicit column would grow to a long room name. */}
      <div className="grid grid-cols-[minmax(0,1fr)] gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <Card aria-labelledby="my-rooms" className="order-2 lg:order-1">
          <CardHeader id="my-rooms" title={t("rooms.list.title")} />
          {/* Rows run edge to edge (their hover fills the card), their content in line with the heading. */}
          <div className="mt-2 pb-1">
            {rooms.length === 0 ? (
              <div className="p-6">
                <EmptyState icon="rooms" title={t("rooms.list.empty")} description={t("rooms.list.emptyBody")} />
              </div>
            ) : (
              <ul className="divide-y divide-border" data-testid="room-list">
                {rooms.map((room) => (
                  <li key={room.room_id}>
                    <Link
                      href={`/rooms/${room.room_id}`}
                      className="flex items-center gap-4 px-5 py-4 transition-colors sm:px-6 hover:bg-surface-2 focus-visible:bg-surface-2 focus-visible:outline-none"
                    >
                      <span className="grid size-10 shrink-0 place-items-center rounded-xl bg-accent-soft text-accent-soft-fg">
                        <Icon name={room.mode === "youtube" ? "play" : room.mode === "photos" ? "image" : "chat"} />
                      </span>
                      <span className="min-w-0 flex-1">
                        <span className="flex flex-wrap items-center gap-2">
                          <span className="min-w-0 max-w-full truncate font-medium text-fg" data-testid="room-name">
                            {room.name}
                          </span>
                          {room.is_host ? <Badge tone="accent">{t("rooms.list.host")}</Badge> : null}
                          {room.is_open ? null : <Badge>{t("rooms.list.closed")}</Badge>}
                        </span>
                        <span className="mt-0.5 block text-sm text-fg-muted">
                          <span className="font-mono">{room.room_id}</span> · {plural("rooms.list.participants", room.participant_count)} ·{" "}
                          {formatRelative(room.created_at)}
                        </span>
                      </span>
                      <Icon name="chevronRight" className="shrink-0 text-fg-subtle" />
                    </Link>
                  </li>
                ))}
              </ul>
            )}
          </div>
        </Card>
        <div className="order-1 lg:order-2">
          <RoomLauncher />
        </div>
      </div>
    </Page>
  );
}
