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
const UNREAD = `GREATEST(c.last_seq - cm.last_read_seq
  - (SELECT count(*) FROM messages o WHERE o.channel_id = cm.channel_id AND o.author_id = cm.user_id AND o.seq > cm.last_read_seq)
  - (SELECT count(*) FROM messages d WHERE d.channel_id = cm.channel_id AND d.deleted_at IS NOT NULL AND d.seq > cm.last_read_seq
       AND d.author_id IS DISTINCT FROM cm.user_id), 0)::int`;

/** Exported for the channel list, which computes it for each of the caller's channels. */
export const UNREAD_SQL = UNREAD;

const ONE = `SELECT ${UNREAD} AS unread, c.last_seq FROM channel_members cm JOIN channels c ON c.id = cm.channel_id
  WHERE cm.channel_id = $1 AND cm.user_id = $2`;
const ALL = `SELECT cm.user_id, ${UNREAD} AS unread, c.last_seq FROM channel_members cm JOIN channels c ON c.id = cm.channel_id
  WHERE cm.channel_id = $1`;
const MOVE = `UPDATE channel_members SET last_read_seq = $3 WHERE channel_id = $1 AND user_id = $2 AND last_read_seq < $3`;

/**
 * `last_seq`: the channel's newest seq when it was counted. Updates can cross (two nodes, a read
 * on another tab): a client keeps the one with the higher last_seq, and for the same last_seq the
 * lower count (at a fixed last_seq a count only goes down, by reads and deletions).
 */
export interface UnreadState {
  unread_count: number;
  last_seq: number;
}

const state = (r: { unread: number; last_seq: number }): UnreadState => ({ unread_count: Number(r.unread), last_seq: Number(r.last_seq) });

export async function memberUnread(channelId: string, userId: string): Promise<UnreadState> {
  const [row] = await sql<{ unread: number; last_seq: number }>(ONE, [channelId, userId]);
  return row ? state(row) : { unread_count: 0, last_seq: 0 };
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
      const rows = await sql<{ user_id: string; unread: number; last_seq: number }>(ALL, [channelId]);
      const soleAuthor = p.authors.size === 1 ? [...p.authors][0] : null;
      const groups = new Map<number, { payload: UnreadState; users: string[] }>();
      for (const r of rows) {
        if (r.user_id === soleAuthor) continue;
        const s = state(r);
        const g = groups.get(s.unread_count) ?? { payload: s, users: [] };
        g.users.push(r.user_id);
        groups.set(s.unread_count, g);
      }
      for (const g of groups.values()) {
        emitToUsers(g.users, "unread_update", { channel: p.slug, ...g.payload, ...(p.last ? { last_message: p.last } : {}) });
      }
    } catch {
      // A count that could not be made (database away) is made again at the next activity or read.
    }
  }
}
