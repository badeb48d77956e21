import type { Channel, Message, MessageReaction, Prisma, User } from "@prisma/client";
import { userSummary, userSummarySelect, type SummarySource } from "@/lib/accounts/present";
import { presentUpload, type PresentableUpload } from "@/lib/uploads/present";
import type { ChannelJson, ChannelMemberJson, ChatMessageJson, ReactionGroupJson } from "./schemas";

/** What every query for a message to present loads with it. */
export const MESSAGE_INCLUDE = {
  author: { select: userSummarySelect },
  upload: true,
  channel: { select: { slug: true } },
  reactions: { orderBy: { createdAt: "asc" } },
} satisfies Prisma.MessageInclude;

export type MessageRow = Prisma.MessageGetPayload<{ include: typeof MESSAGE_INCLUDE }>;

/** What presenting a message reads: a MessageRow, or the same columns loaded by SQL (history). */
export type PresentableMessage = Message & {
  author: SummarySource | null;
  upload: PresentableUpload | null;
  channel: { slug: string } | null;
  reactions: Pick<MessageReaction, "emoji" | "userId">[];
};

/** Reactions grouped by emoji, in the order each emoji was first used. */
export function groupReactions(rows: Pick<MessageReaction, "emoji" | "userId">[]): ReactionGroupJson[] {
  const groups = new Map<string, string[]>();
  for (const r of rows) {
    const ids = groups.get(r.emoji) ?? [];
    ids.push(r.userId);
    groups.set(r.emoji, ids);
  }
  return [...groups].map(([emoji, user_ids]) => ({ emoji, count: user_ids.length, user_ids }));
}

/** A message's file: `{id, url, name, mime, size, kind, width?, height?, thumb_url?}`. */
function presentAttachment(upload: PresentableUpload) {
  const { purpose: _purpose, created_at: _created, ...attachment } = presentUpload(upload);
  return attachment;
}

/**
 * The one message shape of HTTP answers, socket acks and `message_created`. A deleted message
 * keeps its place (`deleted: true`) and loses its content, attachment and reactions.
 */
export function presentMessage(m: PresentableMessage): ChatMessageJson {
  const deleted = !!m.deletedAt;
  const direct = !!m.conversationId;
  return {
    id: m.id,
    ...(m.channel ? { channel: m.channel.slug } : {}),
    ...(direct ? { conversation: m.conversationId! } : {}),
    from: m.authorId ?? userSummary(null).id,
    ...(direct ? { to: m.receiverId ?? userSummary(null).id } : {}),
    seq: m.seq,
    author: userSummary(m.author),
    content: deleted ? null : m.content,
    message_type: m.messageType,
    ...(m.upload && !deleted ? { attachment: presentAttachment(m.upload) } : {}),
    created_at: m.createdAt.toISOString(),
    edited_at: m.editedAt?.toISOString() ?? null,
    deleted,
    status: direct ? (m.readAt ? "read" : m.deliveredAt ? "delivered" : "sent") : "sent",
    ...(m.clientId ? { client_id: m.clientId } : {}),
    reactions: deleted ? [] : groupReactions(m.reactions),
    thread_id: m.threadId,
    reply_count: m.replyCount,
    last_reply_at: m.lastReplyAt?.toISOString() ?? null,
    reply_user_ids: m.replyUserIds,
    pinned_at: deleted ? null : (m.pinnedAt?.toISOString() ?? null),
    pinned_by: deleted ? null : m.pinnedById,
  };
}

export function presentChannel(
  c: Channel,
  extra: { memberCount: number; unreadCount: number; threadSeq: number; lastMessage: PresentableMessage | null; isMember: boolean },
): ChannelJson {
  return {
    id: c.id,
    slug: c.slug,
    name: c.name,
    type: c.type,
    description: c.description,
    owner_id: c.ownerId,
    created_at: c.createdAt.toISOString(),
    member_count: extra.memberCount,
    unread_count: extra.unreadCount,
    last_seq: c.lastSeq,
    thread_seq: extra.threadSeq,
    last_message: extra.lastMessage ? presentMessage(extra.lastMessage) : null,
    is_member: extra.isMember,
  };
}

/** What a member row needs of its user (never the whole row: no password hash leaves the query). */
export const MEMBER_USER_SELECT = { ...userSummarySelect, lastSeenAt: true } as const satisfies Prisma.UserSelect;

export function presentMember(
  m: { user: SummarySource & Pick<User, "lastSeenAt">; joinedAt: Date },
  ownerId: string | null,
  online: boolean,
): ChannelMemberJson {
  return {
    ...userSummary(m.user),
    online,
    is_owner: m.user.id === ownerId,
    joined_at: m.joinedAt.toISOString(),
    last_seen: m.user.lastSeenAt?.toISOString() ?? null,
  };
}
