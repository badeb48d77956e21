import type { Metadata } from "next";
import { Suspense } from "react";
import { requireUser } from "@/lib/auth/current-user";
import { getI18n } from "@/lib/i18n/server";
import { ChatApp } from "@/components/chat/ChatApp";

type Props = { params: Promise<{ path?: string[] }> };

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t("chat.title") };
}

/**
 * The chat: `/chat`, `/chat/<slug>` (a channel), `/chat/dm/<user id>` (a conversation),
 * `?message=<id>` to open a message in its context. One route, so the sidebar and the socket
 * listeners stay mounted while moving between conversations.
 */
export default async function ChatPage({ params }: Props) {
  const path = (await params).path ?? [];
  const user = await requireUser(`/chat${path.length ? `/${path.map(encodeURIComponent).join("/")}` : ""}`);
  return (
    <Suspense>
      <ChatApp me={{ id: user.id, username: user.username, name: user.name, role: user.role, is_admin: user.is_admin }} />
    </Suspense>
  );
}
