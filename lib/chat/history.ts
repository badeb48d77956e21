import "server-only";
import type { MessageType, Role, UploadKind, UploadPurpose } from "@prisma/client";
import { sql } from "@/lib/db/prisma";
import type { PresentableMessage } from "./present";

interface Row {
  id: string;
  channel_id: string | null;
  conversation_id: string | null;
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
  a_username: string | null;
  a_name: string | null;
  a_role: Role | null;
  a_avatar: string | null;
  u_name: string | null;
  u_mime: string | null;
  u_size: number | null;
  u_width: number | null;
  u_height: number | null;
  u_kind: UploadKind | null;
  u_purpose: UploadPurpose | null;
  u_thumb_key: string | null;
  u_created_at: Date | null;
  channel_slug: string | null;
  reactions: { emoji: string; userId: string }[];
}

function toMessage(r: Row): PresentableMessage {
  return {
    id: r.id,
    channelId: r.channel_id,
    conversationId: r.conversation_id,
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
    author: r.author_id && r.a_username !== null ? { id: r.author_id, username: r.a_username, name: r.a_name!, role: r.a_role!, avatarUploadId: r.a_avatar } : null,
    upload:
      r.upload_id && r.u_name !== null
        ? {
            id: r.upload_id,
            name: r.u_name,
            mime: r.u_mime!,
            size: r.u_size!,
            width: r.u_width,
            height: r.u_height,
            kind: r.u_kind!,
            purpose: r.u_purpose!,
            thumbKey: r.u_thumb_key,
            createdAt: r.u_created_at!,
          }
        : null,
    channel: r.channel_slug === null ? null : { slug: r.channel_slug },
    reactions: r.reactions,
  };
}

export interface HistoryWindow {
  scope: { channelId: string } | { conversationId: string };
  /** Rows strictly before (older) or after (newer) this position; none: the newest. */
  from?: { createdAt: Date; id: string; direction: "before" | "after" };
  take: number;
}

/**
 * One page of messages with everything presenting them needs, in one statement: history is the
 * most read path of the chat, and Prisma's include tree cost several round trips plus a query
 * compilation each time. Newest first for `before`/none, oldest first for `after`.
 */
export async function loadHistoryRows({ scope, from, take }: HistoryWindow): Promise<PresentableMessage[]> {
  const column = "channelId" in scope ? "channel_id" : "conversation_id";
  const values: unknown[] = ["channelId" in scope ? scope.channelId : scope.conversationId, take];
  let position = "";
  if (from) {
    values.push(from.createdAt.toISOString(), from.id);
    position = from.direction === "before" ? "AND (m.created_at, m.id) < ($3::timestamp(3), $4)" : "AND (m.created_at, m.id) > ($3::timestamp(3), $4)";
  }
  const order = from?.direction === "after" ? "ASC" : "DESC";
  const rows = await sql<Row>(
    `SELECT m.id, m.channel_id, m.conversation_id, m.author_id, m.receiver_id, m.content, m.message_type::text AS message_type,
       m.upload_id, m.client_id, m.edited_at, m.deleted_at, m.delivered_at, m.read_at, m.created_at,
       a.username AS a_username, a.name AS a_name, a.role::text AS a_role, a.avatar_upload_id AS a_avatar,
       u.name AS u_name, u.mime AS u_mime, u.size AS u_size, u.width AS u_width, u.height AS u_height,
       u.kind::text AS u_kind, u.purpose::text AS u_purpose, u.thumb_key AS u_thumb_key, u.created_at AS u_created_at,
       c.slug AS channel_slug,
       COALESCE((SELECT json_agg(json_build_object('emoji', r.emoji, 'userId', r.user_id) ORDER BY r.created_at)
                 FROM message_reactions r WHERE r.message_id = m.id), '[]') AS reactions
     FROM messages m
     LEFT JOIN users a ON a.id = m.author_id
     LEFT JOIN uploads u ON u.id = m.upload_id
     LEFT JOIN channels c ON c.id = m.channel_id
     WHERE m.${column} = $1 ${position}
     ORDER BY m.created_at ${order}, m.id ${order}
     LIMIT $2`,
    values,
  );
  return rows.map(toMessage);
}
