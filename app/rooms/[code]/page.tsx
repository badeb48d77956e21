import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db/prisma";
import { getI18n } from "@/lib/i18n/server";
import { RoomCode } from "@/lib/rooms/schemas";
import { RoomView } from "@/components/rooms/RoomView";
import { Page } from "@/components/ui/Page";

type Props = { params: Promise<{ code: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { t } = await getI18n();
  const code = RoomCode.safeParse((await params).code);
  const room = code.success ? await db().room.findUnique({ where: { id: code.data }, select: { name: true } }) : null;
  return { title: room?.name ?? t("rooms.title") };
}

/** A room, joined over the socket when the page opens (the code is the invitation). */
export default async function RoomPage({ params }: Props) {
  const raw = (await params).code;
  const user = await requireUser(`/rooms/${encodeURIComponent(raw)}`);
  const code = RoomCode.safeParse(raw);
  if (!code.success) notFound();
  const exists = await db().room.findUnique({ where: { id: code.data }, select: { id: true } });
  if (!exists) notFound();
  return (
    <Page className="max-w-7xl">
      <RoomView code={code.data} me={user.id} />
    </Page>
  );
}
