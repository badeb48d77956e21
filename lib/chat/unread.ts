import "server-only";
import { sql } from "@/lib/db/prisma";
import type { ChatMessageJson } from "./schemas";
import { emitToUsers } from "./events";

/**
 * A member's unread count, computed on read from two numbers and two small index probes: the
 * messages after their read marker (`last_seq - last_read_seq`: seqs have no holes, see
 * message-store.ts), less their own among them, less the deleted ones by others. Nothing is
 * written per member when someone sends, whatever the channel's size. `cm` is the membership
 * (channel_id, user_id, last_read_seq), `c` its channel (last_seq).
 */
const TIMELINE_UNREAD = `GREATEST(c.last_seq - cm.last_read_seq
  - (SELECT count(*) FROM messages o WHERE o.channel_id = cm.channel_id AND o.thread_id IS NULL AND o.author_id = cm.user_id
       AND o.seq > cm.last_read_seq)
  - (SELECT count(*) FROM messages d WHERE d.channel_id = cm.channel_id AND d.thread_id IS NULL AND d.deleted_at IS NOT NULL
       AND d.seq > cm.last_read_seq AND d.author_id IS DISTINCT FROM cm.user_id), 0)`;

/**
 * Thread replies count only for the member's followed threads of the channel (thread_follows,
 * one index probe that finds nothing for non-followers): the same count per thread, with the
 * root's reply_count as its last seq and the follow's own marker.
 */
const THREADS_UNREAD = `COALESCE((SELECT sum(GREATEST(r.reply_count - f.last_read_seq
    - (SELECT count(*) FROM messages o WHERE o.thread_id = f.root_id AND o.author_id = f.user_id AND o.seq > f.last_read_seq)
    - (SELECT count(*) FROM messages d WHERE d.thread_id = f.root_id AND d.deleted_at IS NOT NULL AND d.seq > f.last_read_seq
         AND d.author_id IS DISTINCT FROM f.user_id), 0))
  FROM thread_follows f JOIN messages r ON r.id = f.root_id
  WHERE f.user_id = cm.user_id AND f.channel_id = cm.channel_id AND r.reply_count > f.last_read_seq), 0)`;

/** The sum of the followed threads' last seqs: with last_seq, it orders a member's counts (see UnreadState). */
const THREAD_SEQ = `COALESCE((SELECT sum(r.reply_count) FROM thread_follows f JOIN messages r ON r.id = f.root_id
  WHERE f.user_id = cm.user_id AND f.channel_id = cm.channel_id), 0)::int`;

const UNREAD = `(${TIMELINE_UNREAD} + ${THREADS_UNREAD})::int`;

/** Exported for the channel list, which computes it for each of the caller's channels. */
export const UNREAD_SQL = UNREAD;
export const THREAD_SEQ_SQL = THREAD_SEQ;

const ONE = `SELECT ${UNREAD} AS unread, c.last_seq, ${THREAD_SEQ} AS thread_seq FROM channel_members cm JOIN channels c ON c.id = cm.channel_id
  WHERE cm.channel_id = $1 AND cm.user_id = $2`;
const ALL = `SELECT cm.user_id, ${UNREAD} AS unread, c.last_seq, ${THREAD_SEQ} AS thread_seq FROM channel_members cm JOIN channels c ON c.id = cm.channel_id
  WHERE cm.channel_id = $1`;
const MOVE = `UPDATE channel_members SET last_read_seq = $3 WHERE channel_id = $1 AND user_id = $2 AND last_read_seq < $3`;

/**
 * `last_seq`: the channel's newest seq when it was counted; `thread_seq`: the sum of the member's
 * followed threads' last seqs then. Both only grow, so updates can be ordered by their sum when
 * they cross (two nodes, a read on another tab): a client keeps the one with the higher sum, and
 * for the same sum the lower count (at a fixed sum a count only goes down, by reads and deletions).
 */
export interface UnreadState {
  unread_count: number;
  last_seq: number;
  thread_seq: number;
}

type CountRow = { unread: number; last_seq: number; thread_seq: number };
const state = (r: CountRow): UnreadState => ({
  unread_count: Number(r.unread),
  last_seq: Number(r.last_seq),
  thread_seq: Number(r.thread_seq),
});

export async function memberUnread(channelId: string, userId: string): Promise<UnreadState> {
  const [row] = await sql<CountRow>(ONE, [channelId, userId]);
  return row ? state(row) : { unread_count: 0, last_seq: 0, thread_seq: 0 };
}

const MOVE_THREAD = `UPDATE thread_follows SET last_read_seq = $3 WHERE root_id = $1 AND user_id = $2 AND last_read_seq < $3`;

/** Moves a follower's read marker in a thread forward (never back); non-followers have none. */
export async function moveThreadReadMarker(rootId: string, userId: string, seq: number): Promise<boolean> {
  const rows = await sql<never>(`${MOVE_THREAD} RETURNING user_id`, [rootId, userId, seq]);
  return rows.length > 0;
}

/** Moves a member's read marker forward (never back) and counts again. */
export async function moveReadMarker(channelId: string, userId: string, seq: number): Promise<UnreadState> {
  await sql(MOVE, [channelId, userId, seq]);
  return memberUnread(channelId, userId);
}

interface Pending {
  slug: string;
  authors: Set<string>;
  last: ChatMessageJson | null;
  lastSeq: number;
}

/** How long new messages of a channel gather before its members' counts go out once. */
export const UNREAD_TICK_MS = 100;

const pending = new Map<string, Pending>();
let timer: NodeJS.Timeout | null = null;

/**
 * After a channel message (or a deletion), members get `unread_update` once per tick rather than
 * once per message: one statement counts for every member, and members with the same count share
 * one emit. Whoever wrote everything in the tick hears nothing (their count did not change).
 */
export function channelActivity(channel: { id: string; slug: string }, authorId: string | null, message: ChatMessageJson | null): void {
  const p = pending.get(channel.id) ?? { slug: channel.slug, authors: new Set<string>(), last: null, lastSeq: 0 };
  // A deletion has no author to spare: everyone may have one fewer.
  p.authors.add(authorId ?? "");
  if (message && (message.seq ?? 0) >= p.lastSeq) {
    p.last = message;
    p.lastSeq = message.seq ?? 0;
  }
  pending.set(channel.id, p);
  timer ??= setTimeout(() => void flush(), UNREAD_TICK_MS);
}

async function flush(): Promise<void> {
  timer = null;
  const batch = [...pending];
  pending.clear();
  for (const [channelId, p] of batch) {
    try {
      const rows = await sql<CountRow & { user_id: string }>(ALL, [channelId]);
      const soleAuthor = p.authors.size === 1 ? [...p.authors][0] : null;
      const groups = new Map<string, { payload: UnreadState; users: string[] }>();
      for (const r of rows) {
        if (r.user_id === soleAuthor) continue;
        const s = state(r);
        const key = `${s.unread_count}:${s.thread_seq}`;
        const g = groups.get(key) ?? { payload: s, users: [] };
        g.users.push(r.user_id);
        groups.set(key, g);
      }
      for (const g of groups.values()) {
        emitToUsers(g.users, "unread_update", { channel: p.slug, ...g.payload, ...(p.last ? { last_message: p.last } : {}) });
      }
    } catch {
      // A count that could not be made (database away) is made again at the next activity or read.
    }
  }
}

/** After a reply: the thread's followers but its author hear their channel count (a handful, never the channel). */
export async function threadActivity(channel: { id: string; slug: string }, rootId: string, authorId: string | null): Promise<void> {
  const rows = await sql<CountRow & { user_id: string }>(
    `SELECT cm.user_id, ${UNREAD} AS unread, c.last_seq, ${THREAD_SEQ} AS thread_seq
       FROM thread_follows tf JOIN channel_members cm ON cm.channel_id = tf.channel_id AND cm.user_id = tf.user_id
       JOIN channels c ON c.id = cm.channel_id
      WHERE tf.root_id = $1 AND tf.user_id IS DISTINCT FROM $2`,
    [rootId, authorId],
  );
  for (const r of rows) emitToUsers([r.user_id], "unread_update", { channel: channel.slug, ...state(r) });
}
