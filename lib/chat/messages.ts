import "server-only";
import type { Channel, Conversation, Message, MessageType, Prisma } from "@prisma/client";
import { userSummary } from "@/lib/accounts/present";
import { db, sql } from "@/lib/db/prisma";
import { isUniqueViolation } from "@/lib/db/errors";
import { errors } from "@/lib/http/errors";
import { limitAction } from "@/lib/rate-limit";
import { isSingleEmoji } from "@/lib/rooms/schemas";
import { resolveAttachment } from "./attachments";
import { channelJson, joinChannel, lastMessages, listMembers, requireMember, requireRead, requireWrite } from "./channels";
import { emitToChannel, emitToUsers, type ChatBroadcast, type ChatBroadcasts } from "./events";
import { contactsJoined, presenceStore } from "./presence";
import { loadHistoryRows, loadMessagesByIds } from "./history";
import { insertChannelMessage, insertDirectMessage, insertThreadReply, type NewChatMessage, type StoreResult } from "./message-store";
import { followReply, threadRoot, threadSummary } from "./threads";
import { channelActivity, memberUnread, moveReadMarker, moveThreadReadMarker, threadActivity } from "./unread";
import { groupReactions, MESSAGE_INCLUDE, presentMessage } from "./present";
import type { ChatMessageJson } from "./schemas";
import { parseMentions } from "./text";
import { stopTyping } from "./typing";

/** Messages in a join_channel ack; older ones come from the history endpoint. */
export const HISTORY_ON_OPEN = 50;

export interface SendInput {
  content?: string;
  /** A thread reply: the root (or a reply of the thread) in the same channel. */
  thread_id?: string;
  message_type: MessageType;
  upload_id?: string;
  client_id?: string;
}

export interface PageQuery {
  before?: string;
  after?: string;
  limit: number;
}

// Timestamps in raw SQL go as ISO text cast to `timestamp` (the columns' type, holding UTC):
// PostgreSQL ignores the zone of such a literal, so the session's TimeZone cannot shift it.
const ts = (d: Date) => d.toISOString();

type Target = Pick<Message, "channelId" | "authorId" | "receiverId">;

/** A message's live events go to its channel's open sockets, or to both users of a conversation. */
function emitForMessage<E extends ChatBroadcast>(m: Target, event: E, payload: ChatBroadcasts[E]): void {
  if (m.channelId) emitToChannel(m.channelId, event, payload);
  else
    emitToUsers(
      [m.authorId, m.receiverId].filter((id): id is string => !!id),
      event,
      payload,
    );
}

async function directUnread(conversationId: string, receiverId: string): Promise<number> {
  return db().message.count({ where: { conversationId, receiverId, readAt: null, deletedAt: null } });
}

/** A direct conversation's unread count, to the receiver's own sockets (all tabs stay in step). */
async function emitDirectUnread(conversationId: string, receiverId: string, otherUserId: string | null, lastMessage?: ChatMessageJson) {
  emitToUsers([receiverId], "unread_update", {
    conversation: conversationId,
    with: otherUserId ?? userSummary(null).id,
    unread_count: await directUnread(conversationId, receiverId),
    ...(lastMessage ? { last_message: lastMessage } : {}),
  });
}

type Placed = Pick<Message, "channelId" | "conversationId" | "receiverId" | "authorId" | "threadId">;
const BY_CLIENT_ID = "SELECT id FROM messages WHERE author_id = $1 AND client_id = $2";

/**
 * A resend with a client_id the author already used returns the stored message (no second row,
 * no second broadcast). The same client_id for a different destination is a client bug: 409.
 */
async function previouslySent(
  userId: string,
  clientId: string | undefined,
  sameTarget: (m: Placed) => boolean,
): Promise<ChatMessageJson | null> {
  if (!clientId) return null;
  // Every send with a client_id asks: one prepared probe of the unique index, the rest only on a hit.
  const [hit] = await sql<{ id: string }>(BY_CLIENT_ID, [userId, clientId]);
  if (!hit) return null;
  const [m] = await loadMessagesByIds([hit.id]);
  if (!m) return null;
  if (!sameTarget(m))
    throw errors.conflict("This client_id was already used for another message", { client_id: ["Already used elsewhere"] });
  return presentMessage(m);
}

/** Rate limit (shared with room chat), then the attachment; both before anything is stored. */
async function admit(userId: string, input: SendInput): Promise<string | null> {
  await limitAction("message", userId);
  return input.upload_id ? resolveAttachment(userId, input.upload_id, input.message_type) : null;
}

/** A send as the store takes it (channel and direct messages alike). */
const toStore = (
  targetId: string,
  authorId: string,
  receiverId: string | null,
  input: SendInput,
  uploadId: string | null,
): NewChatMessage => ({
  targetId,
  authorId,
  receiverId,
  content: input.content?.normalize("NFC") ?? null,
  messageType: input.message_type,
  uploadId,
  clientId: input.client_id ?? null,
});

/** What the store answered: the new message, or the one stored earlier with this client_id. */
async function stored(
  userId: string,
  result: StoreResult,
  clientId: string | undefined,
  same: Parameters<typeof previouslySent>[2],
): Promise<{ message: ChatMessageJson; fresh: boolean }> {
  if ("created" in result) return { message: presentMessage(result.created), fresh: true };
  return { message: (await previouslySent(userId, clientId, same))!, fresh: false };
}

/**
 * A channel message: numbered and stored with concurrent sends in one transaction (a constant
 * number of rows whatever the channel's size), then broadcast: `message_created` to the channel's
 * open sockets, `unread_update` to members once per tick, `notification` to @mentioned members.
 */
export async function sendChannelMessage(userId: string, slug: string, input: SendInput): Promise<ChatMessageJson> {
  const { channel } = await requireWrite(userId, slug);
  // A reply: numbered in its thread, out of the channel's timeline and its members' counts.
  const root = input.thread_id ? await threadRoot(channel, input.thread_id) : null;
  const same = (m: Placed) => m.channelId === channel.id && m.threadId === (root?.id ?? null);
  const earlier = await previouslySent(userId, input.client_id, same);
  if (earlier) return earlier;
  const uploadId = await admit(userId, input);
  const result = root
    ? await insertThreadReply(toStore(root.id, userId, null, input, uploadId))
    : await insertChannelMessage(toStore(channel.id, userId, null, input, uploadId));
  const { message, fresh } = await stored(userId, result, input.client_id, same);
  if (!fresh) return message;
  stopTyping(userId, { channelId: channel.id, slug: channel.slug });
  emitToChannel(channel.id, "message_created", message);
  if (!root) {
    channelActivity(channel, userId, message);
    await notifyMentions(channel, userId, message);
    return message;
  }
  const mentioned = await notifyMentions(channel, userId, message);
  const summary = await threadSummary(root.id);
  if (summary) emitToChannel(channel.id, "thread_updated", summary);
  await followReply(root, userId, message.seq, mentioned);
  await threadActivity(channel, root.id, userId);
  return message;
}

/** Members named as @username get a `notification` (kind `mention`); answers their ids. */
async function notifyMentions(channel: Channel, authorId: string, message: ChatMessageJson): Promise<string[]> {
  const names = message.content ? parseMentions(message.content) : [];
  if (!names.length) return [];
  const mentioned = await db().channelMember.findMany({
    where: { channelId: channel.id, userId: { not: authorId }, user: { username: { in: names } } },
    select: { userId: true },
  });
  const ids = mentioned.map((m) => m.userId);
  emitToUsers(ids, "notification", {
    kind: "mention",
    channel: { slug: channel.slug, name: channel.name, type: channel.type },
    message,
    from: message.author,
    at: message.created_at,
  });
  return ids;
}

/** The conversation of two users, created on the first message. */
async function conversationOf(userId: string, otherId: string): Promise<Conversation> {
  const [userAId, userBId] = [userId, otherId].sort();
  const where = { userAId_userBId: { userAId: userAId!, userBId: userBId! } };
  try {
    const conversation = await db().conversation.upsert({ where, create: { userAId, userBId }, update: {} });
    // No message yet: this one starts the conversation, and the two become contacts.
    if (!conversation.lastMessageAt) void contactsJoined([userId, otherId]);
    return conversation;
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    return db().conversation.findUniqueOrThrow({ where });
  }
}

async function requireOtherUser(userId: string, otherId: string, field: string): Promise<void> {
  if (otherId === userId) throw errors.validation({ [field]: ["You cannot message yourself"] }, "You cannot message yourself");
  const user = await db().user.findUnique({ where: { id: otherId }, select: { id: true } });
  if (!user) throw errors.notFound("User");
}

/**
 * A direct message: persisted, then `message_created` to both users' sockets, and to the
 * receiver an `unread_update` and a `notification` (kind `direct_message`).
 */
export async function sendDirectMessage(userId: string, receiverId: string, input: SendInput): Promise<ChatMessageJson> {
  await requireOtherUser(userId, receiverId, "receiver");
  const same = (m: Placed) => !!m.conversationId && m.receiverId === receiverId;
  const earlier = await previouslySent(userId, input.client_id, same);
  if (earlier) return earlier;
  const uploadId = await admit(userId, input);
  const conversation = await conversationOf(userId, receiverId);
  const result = await insertDirectMessage(toStore(conversation.id, userId, receiverId, input, uploadId));
  const { message, fresh } = await stored(userId, result, input.client_id, same);
  if (!fresh) return message;
  stopTyping(userId, { receiverId });
  emitToUsers([userId, receiverId], "message_created", message);
  await emitDirectUnread(conversation.id, receiverId, userId, message);
  emitToUsers([receiverId], "notification", { kind: "direct_message", message, from: message.author, at: message.created_at });
  return message;
}

const WITH_CHANNEL = { ...MESSAGE_INCLUDE, channel: true } satisfies Prisma.MessageInclude;
type FullMessage = Prisma.MessageGetPayload<{ include: typeof WITH_CHANNEL }>;

async function loadMessage(id: string): Promise<FullMessage> {
  const m = await db().message.findUnique({ where: { id }, include: WITH_CHANNEL });
  if (!m) throw errors.notFound("Message");
  return m;
}

/** The message, if the user may read where it lives (403 otherwise). */
async function readableMessage(userId: string, id: string): Promise<FullMessage> {
  const m = await loadMessage(id);
  if (m.channel) await requireRead(userId, m.channel.slug);
  else if (m.authorId !== userId && m.receiverId !== userId) throw errors.forbidden("This is not your conversation");
  return m;
}

const channelField = (m: FullMessage) => (m.channel ? { channel: m.channel.slug } : {});

/** Only the author edits; sets `edited_at` and broadcasts `message_updated`. */
export async function editMessage(userId: string, id: string, content: string): Promise<ChatMessageJson> {
  const m = await readableMessage(userId, id);
  if (m.authorId !== userId) throw errors.forbidden("Only the author can edit a message");
  if (m.deletedAt) throw errors.conflict("This message was deleted");
  const row = await db().message.update({
    where: { id },
    data: { content: content.normalize("NFC"), editedAt: new Date() },
    include: MESSAGE_INCLUDE,
  });
  const message = presentMessage(row);
  emitForMessage(row, "message_updated", { id, ...channelField(m), content: message.content, edited_at: message.edited_at });
  return message;
}

/**
 * Soft delete by the author, or in a channel by its owner: the row stays (later reads show
 * `deleted: true, content: null`), `message_deleted` goes out, and unread counts that included
 * it go down.
 */
export async function deleteMessage(userId: string, id: string): Promise<ChatMessageJson> {
  const m = await readableMessage(userId, id);
  const isChannelOwner = !!m.channel && m.channel.ownerId === userId;
  if (m.authorId !== userId && !isChannelOwner) {
    throw errors.forbidden(
      m.channel ? "Only the author or the channel's owner can delete this message" : "Only the author can delete this message",
    );
  }
  return softDelete(m);
}

/** An administrator resolving a report: the same soft delete, whoever wrote it. */
export async function moderatorDeleteMessage(id: string): Promise<ChatMessageJson> {
  return softDelete(await loadMessage(id));
}

async function softDelete(m: FullMessage): Promise<ChatMessageJson> {
  const id = m.id;
  if (m.deletedAt) return presentMessage(m);
  const at = new Date();
  const row = await db().message.update({ where: { id }, data: { deletedAt: at, content: null }, include: MESSAGE_INCLUDE });
  emitForMessage(row, "message_deleted", { id, ...channelField(m), deleted_at: ts(at) });
  if (m.channel && m.threadId) {
    await threadActivity(m.channel, m.threadId, null);
  } else if (m.channel) {
    // Counts are made from the rows: whoever had it unread has one fewer at the next tick.
    channelActivity(m.channel, null, null);
  } else if (m.receiverId && !m.readAt) {
    await emitDirectUnread(m.conversationId!, m.receiverId, m.authorId);
  }
  return presentMessage(row);
}

/** Toggles the user's emoji on a message and broadcasts the message's reactions. */
export async function toggleReaction(userId: string, id: string, emoji: string) {
  if (!isSingleEmoji(emoji)) throw errors.validation({ emoji: ["Must be exactly one emoji"] }, "Must be exactly one emoji");
  const m = await loadMessage(id);
  if (m.channel) await requireWrite(userId, m.channel.slug);
  else if (m.authorId !== userId && m.receiverId !== userId) throw errors.forbidden("This is not your conversation");
  if (m.deletedAt) throw errors.conflict("This message was deleted");
  await limitAction("reaction", userId);
  const removed = await db().messageReaction.deleteMany({ where: { messageId: id, userId, emoji } });
  if (!removed.count) {
    try {
      await db().messageReaction.create({ data: { messageId: id, userId, emoji } });
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
    }
  }
  const rows = await db().messageReaction.findMany({ where: { messageId: id }, orderBy: { createdAt: "asc" } });
  const payload = { id, ...channelField(m), reactions: groupReactions(rows) };
  emitForMessage(m, "reaction_updated", payload);
  return payload;
}

/** A direct message the user received (receipts are the receiver's to give). */
async function receivedDirectMessage(userId: string, id: string): Promise<Message> {
  const m = await db().message.findUnique({ where: { id } });
  if (!m) throw errors.notFound("Message");
  if (!m.conversationId)
    throw errors.validation({ id: ["Receipts are for direct messages; channels use the read marker"] }, "Not a direct message");
  if (m.receiverId !== userId) throw errors.forbidden("Only the receiver can acknowledge this message");
  return m;
}

/** The receiver's device has the message: `message_delivered` to the sender, once. */
export async function markDelivered(userId: string, id: string) {
  const m = await receivedDirectMessage(userId, id);
  if (!m.deliveredAt) {
    const { count } = await db().message.updateMany({ where: { id, deliveredAt: null }, data: { deliveredAt: new Date() } });
    if (count && m.authorId) emitToUsers([m.authorId], "message_delivered", { id });
  }
  return { id, status: m.readAt ? ("read" as const) : ("delivered" as const) };
}

/**
 * The receiver read this message, and so every earlier one they received in the conversation:
 * each newly read message gets `message_read {id}` to its sender (oldest first); the reader's
 * sockets get the conversation's new unread count.
 */
export async function markDirectRead(userId: string, id: string) {
  const m = await receivedDirectMessage(userId, id);
  const at = ts(new Date());
  const rows = await db().$queryRaw<{ id: string; author_id: string | null; seq: number }[]>`
    UPDATE messages SET read_at = ${at}::timestamp, delivered_at = COALESCE(delivered_at, ${at}::timestamp)
     WHERE conversation_id = ${m.conversationId} AND receiver_id = ${userId} AND read_at IS NULL
       AND seq <= ${m.seq}
    RETURNING id, author_id, seq`;
  rows.sort((a, b) => a.seq - b.seq);
  for (const r of rows) if (r.author_id) emitToUsers([r.author_id], "message_read", { id: r.id });
  if (rows.length) await emitDirectUnread(m.conversationId!, userId, m.authorId);
  return { id, status: "read" as const, read_ids: rows.map((r) => r.id) };
}

/**
 * Moves the user's read marker in a channel to this message (never backwards), counts their
 * unread messages again, and tells their own sockets (other tabs follow).
 */
export async function markChannelRead(userId: string, slug: string, messageId: string) {
  const { channel, member } = await requireMember(userId, slug);
  const m = await db().message.findFirst({ where: { id: messageId, channelId: channel.id }, select: { seq: true, threadId: true } });
  if (!m) throw errors.notFound("Message");
  if (m.threadId) {
    // A reply read: the follower's marker in its thread (a non-follower has none, nothing changes).
    const moved = await moveThreadReadMarker(m.threadId, userId, m.seq);
    const unread = await memberUnread(channel.id, userId);
    if (moved) emitToUsers([userId], "unread_update", { channel: channel.slug, ...unread });
    return { channel: channel.slug, ...unread };
  }
  const unread = await moveReadMarker(channel.id, userId, m.seq);
  if (m.seq > member.lastReadSeq) emitToUsers([userId], "unread_update", { channel: channel.slug, ...unread });
  return { channel: channel.slug, ...unread };
}

/**
 * One page of a channel's or conversation's history, oldest first. Cursors are message ids:
 * `before` pages back (next_cursor: the oldest id of the page, while older ones exist), `after`
 * catches up (next_cursor: the newest id of the page, while newer ones exist).
 */
export async function historyPage(scope: { channel: { id: string; slug: string } } | { conversationId: string }, q: PageQuery) {
  const cursor = q.after ?? q.before;
  const where = "channel" in scope ? { channelId: scope.channel.id, threadId: null } : { conversationId: scope.conversationId };
  const anchor = cursor ? await db().message.findFirst({ where: { id: cursor, ...where }, select: { seq: true } }) : null;
  if (cursor && !anchor) {
    throw errors.validation({ [q.after ? "after" : "before"]: ["Not a message of this channel or conversation"] }, "Unknown cursor");
  }
  const direction = q.after ? "after" : "before";
  const rows = await loadHistoryRows({ scope, take: q.limit + 1, ...(anchor ? { from: { seq: anchor.seq, direction } } : {}) });
  const more = rows.length > q.limit;
  if (direction === "after") {
    const page = rows.slice(0, q.limit);
    return { messages: page.map(presentMessage), next_cursor: more ? page.at(-1)!.id : null };
  }
  const page = rows.slice(0, q.limit).reverse();
  return { messages: page.map(presentMessage), next_cursor: more ? page[0]!.id : null };
}

export async function channelHistory(userId: string, slug: string, q: PageQuery) {
  const { channel } = await requireRead(userId, slug);
  return historyPage({ channel }, q);
}

/** join_channel: membership (public channels join you), the channel, its members, the latest messages. */
export async function openChannel(userId: string, slug: string) {
  const { channel, member } = await joinChannel(userId, slug);
  const [json, members, page] = await Promise.all([
    channelJson(channel, member),
    listMembers(channel),
    historyPage({ channel }, { limit: HISTORY_ON_OPEN }),
  ]);
  return {
    channelId: channel.id,
    channel: json,
    members: members.members,
    members_next_cursor: members.next_cursor,
    messages: page.messages,
    next_cursor: page.next_cursor,
  };
}

/** The conversation with a user (`with`) or by id; a conversation not started yet has no messages. */
export async function conversationHistory(userId: string, q: PageQuery & { with?: string; conversation?: string }) {
  let conversation: Conversation | null;
  if (q.with) {
    await requireOtherUser(userId, q.with, "with");
    const [userAId, userBId] = [userId, q.with].sort();
    conversation = await db().conversation.findUnique({ where: { userAId_userBId: { userAId: userAId!, userBId: userBId! } } });
    if (!conversation) return { messages: [], next_cursor: null };
  } else {
    conversation = await db().conversation.findUnique({ where: { id: q.conversation! } });
    if (!conversation) throw errors.notFound("Conversation");
    if (conversation.userAId !== userId && conversation.userBId !== userId) throw errors.forbidden("This is not your conversation");
  }
  return historyPage({ conversationId: conversation.id }, q);
}

/** My direct conversations, most recent first, with the other user's presence. */
export async function listConversations(userId: string) {
  const conversations = await db().conversation.findMany({
    where: { OR: [{ userAId: userId }, { userBId: userId }] },
    include: { userA: true, userB: true },
    orderBy: [{ lastMessageAt: { sort: "desc", nulls: "last" } }, { createdAt: "desc" }],
  });
  const ids = conversations.map((c) => c.id);
  const [unread, last] = await Promise.all([
    ids.length
      ? db().message.groupBy({
          by: ["conversationId"],
          where: { conversationId: { in: ids }, receiverId: userId, readAt: null, deletedAt: null },
          _count: { _all: true },
        })
      : Promise.resolve([]),
    lastMessages("conversation_id", ids),
  ]);
  const unreadBy = new Map(unread.map((u) => [u.conversationId, u._count._all]));
  const others = conversations.map((c) => (c.userAId === userId ? c.userB : c.userA));
  const online = await presenceStore().onlineAmong(others.flatMap((o) => (o ? [o.id] : [])));
  return conversations.map((c, i) => {
    const other = others[i] ?? null;
    return {
      id: c.id,
      user: { ...userSummary(other), online: !!other && online.has(other.id), last_seen: other?.lastSeenAt?.toISOString() ?? null },
      unread_count: unreadBy.get(c.id) ?? 0,
      last_message: last.has(c.id) ? presentMessage(last.get(c.id)!) : null,
      last_message_at: c.lastMessageAt?.toISOString() ?? null,
    };
  });
}
