import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db/prisma";
import { getI18n } from "@/lib/i18n/server";
import { meetingOfRoom } from "@/lib/meetings/room";
import { closedRoomHistory } from "@/lib/rooms/history";
import { RoomCode } from "@/lib/rooms/schemas";
import { ClosedRoom } from "@/components/rooms/ClosedRoom";
import { RoomView } from "@/components/rooms/RoomView";
import { buttonClasses } from "@/components/ui/Button";
import { Card } from "@/components/ui/Card";
import { EmptyState } from "@/components/ui/EmptyState";
import { Page } from "@/components/ui/Page";

type Props = { params: Promise<{ code: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { t } = await getI18n();
  const code = RoomCode.safeParse((await params).code);
  const room = code.success ? await db().room.findUnique({ where: { id: code.data }, select: { name: true } }) : null;
  return { title: room?.name ?? t("rooms.title") };
}

/**
 * A room, joined over the socket when the page opens (the code is the invitation). A closed room
 * cannot be joined: its participants read it here, anyone else learns it is closed.
 */
export default async function RoomPage({ params }: Props) {
  const raw = (await params).code;
  const user = await requireUser(`/rooms/${encodeURIComponent(raw)}`);
  const code = RoomCode.safeParse(raw);
  if (!code.success) notFound();
  const room = await db().room.findUnique({ where: { id: code.data }, select: { id: true, isOpen: true } });
  if (!room) notFound();
  const meeting = await meetingOfRoom(code.data, user.id);
  if (room.isOpen) {
    return (
      <Page>
        <RoomView code={code.data} me={user.id} meeting={meeting} />
      </Page>
    );
  }
  const [history, { t }] = await Promise.all([closedRoomHistory(user.id, code.data), getI18n()]);
  return (
    <Page>
      {history ? (
        <ClosedRoom history={history} me={user.id} meeting={meeting} />
      ) : (
        <Card className="mx-auto mt-10 max-w-lg p-8">
          <EmptyState
            level={1}
            icon="rooms"
            title={t("rooms.state.closedTitle")}
            description={t("rooms.state.closedBody")}
            action={
              <Link href="/rooms" className={buttonClasses({ variant: "secondary" })}>
                {t("rooms.state.goBack")}
              </Link>
            }
          />
        </Card>
      )}
    </Page>
  );
}
