import "server-only";
import type { Channel } from "@prisma/client";
import { db, sql } from "@/lib/db/prisma";
import { errors } from "@/lib/http/errors";
import { requireRead } from "./channels";
import { loadHistoryRows, loadMessagesByIds } from "./history";
import { presentMessage } from "./present";
import type { ThreadSummaryJson } from "./schemas";
import { parseMentions } from "./text";

/** A thread's root as replying needs it. */
export interface ThreadRoot {
  id: string;
  channelId: string;
  authorId: string | null;
  content: string | null;
}

/**
 * The root a reply goes to: a message of this channel (a reply's own root when `id` is a reply,
 * as in Slack). Another channel's message or a direct one is VALIDATION_ERROR, a deleted root 409.
 */
export async function threadRoot(channel: Pick<Channel, "id">, id: string): Promise<ThreadRoot> {
  const m = await db().message.findUnique({ where: { id }, select: { id: true, channelId: true, threadId: true } });
  if (!m || m.channelId !== channel.id) {
    throw errors.validation({ thread_id: ["Not a message of this channel"] }, "Unknown thread");
  }
  const root = await db().message.findUniqueOrThrow({
    where: { id: m.threadId ?? m.id },
    select: { id: true, channelId: true, authorId: true, content: true, deletedAt: true },
  });
  if (root.deletedAt) throw errors.conflict("This message was deleted");
  return { id: root.id, channelId: root.channelId!, authorId: root.authorId, content: root.content };
}

/** A root's thread counters, as `thread_updated` carries them. */
export async function threadSummary(rootId: string): Promise<ThreadSummaryJson | null> {
  const [r] = await sql<{ slug: string; reply_count: number; last_reply_at: Date | null; reply_user_ids: string[] }>(
    `SELECT c.slug, m.reply_count, m.last_reply_at, m.reply_user_ids FROM messages m JOIN channels c ON c.id = m.channel_id WHERE m.id = $1`,
    [rootId],
  );
  if (!r) return null;
  return {
    id: rootId,
    channel: r.slug,
    reply_count: Number(r.reply_count),
    last_reply_at: r.last_reply_at?.toISOString() ?? null,
    reply_user_ids: r.reply_user_ids,
  };
}

// The replier has read the thread up to their reply; the others start just before what concerns them.
const FOLLOW_AS_REPLIER = `INSERT INTO thread_follows (user_id, root_id, channel_id, last_read_seq) VALUES ($1, $2, $3, $4)
  ON CONFLICT (user_id, root_id) DO UPDATE SET last_read_seq = GREATEST(thread_follows.last_read_seq, EXCLUDED.last_read_seq)`;
const FOLLOW = `INSERT INTO thread_follows (user_id, root_id, channel_id, last_read_seq)
  SELECT u, $2, $3, s FROM unnest($1::text[], $4::int[]) AS t(u, s)
  WHERE EXISTS (SELECT 1 FROM channel_members cm WHERE cm.channel_id = $3 AND cm.user_id = t.u)
  ON CONFLICT (user_id, root_id) DO NOTHING`;

/**
 * Who follows a thread after a reply (the only writes besides the reply itself, whatever the
 * channel's size): the replier (read up to their reply), the root's author (everything unread),
 * whoever the reply mentions (from this reply on) or the root mentions (channel members only).
 */
export async function followReply(root: ThreadRoot, replierId: string, seq: number, mentionedIds: string[]): Promise<void> {
  await sql(FOLLOW_AS_REPLIER, [replierId, root.id, root.channelId, seq]);
  const others = new Map<string, number>();
  if (root.authorId) others.set(root.authorId, 0);
  const rootNames = root.content ? parseMentions(root.content) : [];
  if (rootNames.length) {
    const users = await db().user.findMany({ where: { username: { in: rootNames } }, select: { id: true } });
    for (const u of users) if (!others.has(u.id)) others.set(u.id, 0);
  }
  for (const id of mentionedIds) if (!others.has(id)) others.set(id, seq - 1);
  others.delete(replierId);
  if (others.size) await sql(FOLLOW, [[...others.keys()], root.id, root.channelId, [...others.values()]]);
}

/**
 * GET /api/messages/{id}/thread: the root and a page of its replies, oldest first (`after` a reply
 * id for the next page). A reply's id opens its root's thread (search hits land there).
 */
export async function threadPage(userId: string, id: string, q: { after?: string; limit: number }) {
  const m = await db().message.findUnique({ where: { id }, select: { threadId: true, channel: { select: { slug: true } } } });
  if (!m) throw errors.notFound("Message");
  if (!m.channel) throw errors.validation({ id: ["Threads are for channel messages"] }, "Not a channel message");
  await requireRead(userId, m.channel.slug);
  const rootId = m.threadId ?? id;
  let from = 0;
  if (q.after) {
    const anchor = await db().message.findFirst({ where: { id: q.after, threadId: rootId }, select: { seq: true } });
    if (!anchor) throw errors.validation({ after: ["Not a reply of this thread"] }, "Unknown cursor");
    from = anchor.seq;
  }
  const [rootRows, rows] = await Promise.all([
    loadMessagesByIds([rootId]),
    loadHistoryRows({ scope: { threadId: rootId }, take: q.limit + 1, from: { seq: from, direction: "after" } }),
  ]);
  const page = rows.slice(0, q.limit);
  return {
    root: presentMessage(rootRows[0]!),
    messages: page.map(presentMessage),
    next_cursor: rows.length > q.limit ? page.at(-1)!.id : null,
  };
}
