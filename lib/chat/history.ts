import "server-only";
import type { MessageType, Role, UploadKind, UploadPurpose } from "@prisma/client";
import { sql } from "@/lib/db/prisma";
import type { PresentableMessage } from "./present";

interface Row {
  id: string;
  channel_id: string | null;
  conversation_id: string | null;
  channel_slug: string | null;
  seq: number;
  author_id: string | null;
  receiver_id: string | null;
  content: string | null;
  message_type: MessageType;
  upload_id: string | null;
  client_id: string | null;
  edited_at: Date | null;
  deleted_at: Date | null;
  delivered_at: Date | null;
  read_at: Date | null;
  created_at: Date;
  thread_id: string | null;
  reply_count: number;
  last_reply_at: Date | null;
  reply_user_ids: string[];
  pinned_at: Date | null;
  pinned_by_id: string | null;
  a_username: string | null;
  a_name: string | null;
  a_role: Role | null;
  a_avatar: string | null;
}

interface UploadRow {
  id: string;
  name: string;
  mime: string;
  size: number;
  width: number | null;
  height: number | null;
  kind: UploadKind;
  purpose: UploadPurpose;
  thumbKey: string | null;
  createdAt: Date;
}

export interface HistoryWindow {
  scope: { channel: { id: string; slug: string } } | { conversationId: string } | { threadId: string };
  /** Rows strictly before (older) or after (newer) this seq; none: the newest. */
  from?: { seq: number; direction: "before" | "after" };
  take: number;
}

const COLUMNS = `m.id, m.channel_id, m.conversation_id, c.slug AS channel_slug, m.seq, m.author_id, m.receiver_id, m.content,
  m.message_type::text AS message_type, m.upload_id, m.client_id, m.edited_at, m.deleted_at, m.delivered_at, m.read_at, m.created_at,
  m.thread_id, m.reply_count, m.last_reply_at, m.reply_user_ids, m.pinned_at, m.pinned_by_id,
  a.username AS a_username, a.name AS a_name, a.role::text AS a_role, a.avatar_upload_id AS a_avatar`;
const FROM = "messages m LEFT JOIN users a ON a.id = m.author_id LEFT JOIN channels c ON c.id = m.channel_id";

/** The page's statements, one per scope, direction and position (constants: they are prepared). */
// A channel's timeline leaves thread replies out (they number in their thread).
function pageStatement(column: "channel_id" | "conversation_id" | "thread_id", direction: "before" | "after", positioned: boolean): string {
  const op = direction === "before" ? "<" : ">";
  const order = direction === "before" ? "DESC" : "ASC";
  return `SELECT ${COLUMNS} FROM ${FROM}
    WHERE m.${column} = $1 ${column === "channel_id" ? "AND m.thread_id IS NULL" : ""} ${positioned ? `AND m.seq ${op} $3` : ""}
    ORDER BY m.seq ${order} LIMIT $2`;
}

const BY_IDS = `SELECT ${COLUMNS} FROM ${FROM} WHERE m.id = ANY($1)`;

/** Messages by id, presentable (any channels or conversations; the order of `ids` is not kept). */
export async function loadMessagesByIds(ids: string[], options: { fresh?: boolean } = {}): Promise<PresentableMessage[]> {
  if (!ids.length) return [];
  return withRelations(await sql<Row>(BY_IDS, [ids]), options);
}

/**
 * One page of messages with everything presenting them needs: history is the most read path of
 * the chat, and Prisma's include tree cost a round trip per relation plus a query compilation
 * each time. One statement for the page and its authors, one for the page's reactions, and one
 * for its attachments when it has any. Newest first for `before`/none, oldest first for `after`.
 */
export async function loadHistoryRows({ scope, from, take }: HistoryWindow): Promise<PresentableMessage[]> {
  const [column, id] =
    "channel" in scope
      ? (["channel_id", scope.channel.id] as const)
      : "threadId" in scope
        ? (["thread_id", scope.threadId] as const)
        : (["conversation_id", scope.conversationId] as const);
  const values: unknown[] = [id, take];
  if (from) values.push(from.seq);
  return withRelations(await sql<Row>(pageStatement(column, from?.direction ?? "before", !!from), values));
}

/** Reactions and attachments of these rows: one statement each (attachments only when any). */
async function withRelations(rows: Row[], { fresh = false }: { fresh?: boolean } = {}): Promise<PresentableMessage[]> {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const uploadIds = rows.flatMap((r) => (r.upload_id ? [r.upload_id] : []));
  // Messages just stored have no reactions yet: one round trip fewer on every send.
  const [reactions, uploads] = await Promise.all([
    fresh
      ? Promise.resolve([])
      : sql<{ message_id: string; emoji: string; user_id: string }>(
          "SELECT message_id, emoji, user_id FROM message_reactions WHERE message_id = ANY($1) ORDER BY created_at",
          [ids],
        ),
    uploadIds.length
      ? sql<UploadRow>(
          `SELECT id, name, mime, size, width, height, kind::text AS kind, purpose::text AS purpose, thumb_key AS "thumbKey", created_at AS "createdAt"
           FROM uploads WHERE id = ANY($1)`,
          [uploadIds],
        )
      : Promise.resolve([]),
  ]);
  const reactionsOf = new Map<string, { emoji: string; userId: string }[]>();
  for (const r of reactions) {
    const list = reactionsOf.get(r.message_id) ?? [];
    list.push({ emoji: r.emoji, userId: r.user_id });
    reactionsOf.set(r.message_id, list);
  }
  const uploadOf = new Map(uploads.map((u) => [u.id, u]));
  return rows.map((r) => ({
    id: r.id,
    channelId: r.channel_id,
    conversationId: r.conversation_id,
    seq: r.seq,
    authorId: r.author_id,
    receiverId: r.receiver_id,
    content: r.content,
    messageType: r.message_type,
    uploadId: r.upload_id,
    clientId: r.client_id,
    editedAt: r.edited_at,
    deletedAt: r.deleted_at,
    deliveredAt: r.delivered_at,
    readAt: r.read_at,
    createdAt: r.created_at,
    threadId: r.thread_id,
    replyCount: r.reply_count,
    lastReplyAt: r.last_reply_at,
    replyUserIds: r.reply_user_ids,
    pinnedAt: r.pinned_at,
    pinnedById: r.pinned_by_id,
    author:
      r.author_id && r.a_username !== null
        ? { id: r.author_id, username: r.a_username, name: r.a_name!, role: r.a_role!, avatarUploadId: r.a_avatar }
        : null,
    upload: (r.upload_id && uploadOf.get(r.upload_id)) || null,
    channel: r.channel_slug !== null ? { slug: r.channel_slug } : null,
    reactions: reactionsOf.get(r.id) ?? [],
  }));
}
