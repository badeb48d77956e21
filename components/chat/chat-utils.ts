import type { ChatMessageJson } from "@/lib/chat/schemas";
import type { I18n } from "@/lib/i18n/translate";

export type Target = { kind: "channel"; slug: string } | { kind: "dm"; userId: string };

/** `/chat/<slug>` is a channel, `/chat/dm/<user id>` a conversation. */
export function targetFromPath(pathname: string): Target | null {
  const parts = pathname.split("/").filter(Boolean).slice(1).map(decodeURIComponent);
  if (parts[0] === "dm" && parts[1]) return { kind: "dm", userId: parts[1] };
  if (parts[0] && parts[0] !== "dm") return { kind: "channel", slug: parts[0] };
  return null;
}

export function targetHref(target: Target, messageId?: string): string {
  const base = target.kind === "channel" ? `/chat/${encodeURIComponent(target.slug)}` : `/chat/dm/${encodeURIComponent(target.userId)}`;
  return messageId ? `${base}?message=${encodeURIComponent(messageId)}` : base;
}

/** One line of text for a sidebar or a notification (Markdown marks removed). */
export function messagePreview(m: ChatMessageJson, t: I18n["t"]): string {
  if (m.deleted) return t("chat.sidebar.deletedMessage");
  const text = (m.content ?? "")
    .replace(/```[\s\S]*?```/g, "…")
    .replace(/[*_`]/g, "")
    .replace(/\s+/g, " ")
    .trim();
  if (text) return text.length > 120 ? `${text.slice(0, 119)}…` : text;
  return m.attachment?.name ?? t("chat.sidebar.attachment");
}

export function byTime<T extends { created_at: string; id: string }>(a: T, b: T): number {
  return a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** The signed-in user as the chat pages know them. */
export interface ChatMe {
  id: string;
  username: string;
  name: string;
  role: string;
  /** Administrators moderate every channel (pins). */
  is_admin?: boolean;
}
