import "server-only";
import { Prisma } from "@prisma/client";
import { userSummary } from "@/lib/accounts/present";
import { db } from "@/lib/db/prisma";
import { decodeOffsetCursor, encodeOffsetCursor } from "@/lib/http/cursor";
import { errors } from "@/lib/http/errors";
import { requireRead } from "./channels";
import { MESSAGE_INCLUDE, presentMessage } from "./present";
import { parseSearchQuery, tsQueries } from "./text";

const MAX_OFFSET = 10_000;

async function userIdByUsername(username: string): Promise<string> {
  const user = await db().user.findUnique({ where: { username }, select: { id: true } });
  if (!user) throw errors.notFound(`User @${username}`);
  return user.id;
}

const SEARCH_INCLUDE = {
  ...MESSAGE_INCLUDE,
  channel: { select: { slug: true, name: true } },
  conversation: { include: { userA: true, userB: true } },
} satisfies Prisma.MessageInclude;

/**
 * Full-text search (PostgreSQL, the generated `messages.search_vector`) over the messages the
 * caller may read: public channels, channels they are in, their own conversations. Every word
 * must match, each as a prefix; best match first (ts_rank, whole words above prefixes), then
 * newest. `from:@username`, `in:#channel` and `in:@username` narrow it down.
 */
export async function searchMessages(userId: string, query: { q: string; channel?: string; before?: string; limit: number }) {
  const parsed = parseSearchQuery(query.q);
  const offset = decodeOffsetCursor(query.before, "before", MAX_OFFSET);
  const empty = { messages: [], next_cursor: null };

  const slugs = [...new Set([query.channel, parsed.channel].filter((s): s is string => !!s))];
  if (slugs.length > 1) return empty;
  const channelId = slugs.length ? (await requireRead(userId, slugs[0]!)).channel.id : undefined;
  const authorId = parsed.from ? (parsed.from === "me" ? userId : await userIdByUsername(parsed.from)) : undefined;
  let conversationId: string | undefined;
  if (parsed.withUser) {
    const [userAId, userBId] = [userId, await userIdByUsername(parsed.withUser)].sort();
    const conversation = await db().conversation.findUnique({ where: { userAId_userBId: { userAId: userAId!, userBId: userBId! } } });
    if (!conversation) return empty;
    conversationId = conversation.id;
  }
  if (!parsed.terms.length && !authorId && !channelId && !conversationId) {
    throw errors.validation({ q: ["Type a word to search for"] }, "Type a word to search for");
  }

  const { prefix, exact } = tsQueries(parsed.terms);
  const text = parsed.terms.length > 0;
  const rank = text
    ? Prisma.sql`ts_rank(m.search_vector, to_tsquery('simple', ${prefix})) + ts_rank(m.search_vector, to_tsquery('simple', ${exact}))`
    : Prisma.sql`0`;
  const hits = await db().$queryRaw<{ id: string; rank: number }[]>`
    SELECT m.id, (${rank})::float8 AS rank
      FROM messages m
      LEFT JOIN channels c ON c.id = m.channel_id
      LEFT JOIN conversations v ON v.id = m.conversation_id
     WHERE m.deleted_at IS NULL
       ${text ? Prisma.sql`AND m.search_vector @@ to_tsquery('simple', ${prefix})` : Prisma.empty}
       AND (
         (c.id IS NOT NULL AND (c.type = 'public' OR EXISTS (
            SELECT 1 FROM channel_members cm WHERE cm.channel_id = c.id AND cm.user_id = ${userId})))
         OR (v.id IS NOT NULL AND (v.user_a_id = ${userId} OR v.user_b_id = ${userId}))
       )
       ${authorId ? Prisma.sql`AND m.author_id = ${authorId}` : Prisma.empty}
       ${channelId ? Prisma.sql`AND m.channel_id = ${channelId}` : Prisma.empty}
       ${conversationId ? Prisma.sql`AND m.conversation_id = ${conversationId}` : Prisma.empty}
     ORDER BY rank DESC, m.created_at DESC, m.id DESC
     LIMIT ${query.limit + 1} OFFSET ${offset}`;

  const page = hits.slice(0, query.limit);
  const rows = await db().message.findMany({ where: { id: { in: page.map((h) => h.id) } }, include: SEARCH_INCLUDE });
  const byId = new Map(rows.map((r) => [r.id, r]));
  const messages = page.flatMap((h) => {
    const m = byId.get(h.id);
    if (!m) return [];
    const other = m.conversation ? (m.conversation.userAId === userId ? m.conversation.userB : m.conversation.userA) : null;
    const context = m.channel
      ? { type: "channel" as const, channel: m.channel.slug, channel_name: m.channel.name }
      : { type: "direct" as const, conversation: m.conversationId!, with: userSummary(other) };
    return [{ ...presentMessage(m), rank: Number(h.rank), context }];
  });
  return { messages, next_cursor: hits.length > query.limit ? encodeOffsetCursor(offset + query.limit) : null };
}
