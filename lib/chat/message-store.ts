import "server-only";
import type { MessageType } from "@prisma/client";
import { groupCommit } from "@/lib/db/group-commit";
import { newId } from "@/lib/db/ids";
import { isUniqueViolation } from "@/lib/db/errors";
import { sql, sqlTransaction, type SqlRunner } from "@/lib/db/prisma";
import { ApiError, errors, isDatabaseUnavailable, isTransientConflict } from "@/lib/http/errors";
import { loadMessagesByIds } from "./history";
import type { PresentableMessage } from "./present";

export interface NewChatMessage {
  /** The channel's or the conversation's id (the queue says which). */
  targetId: string;
  authorId: string;
  receiverId: string | null;
  content: string | null;
  messageType: MessageType;
  uploadId: string | null;
  clientId: string | null;
}

/** Stored now, or stored before under the same client_id (the caller checks where it went). */
export type StoreResult = { created: PresentableMessage } | { existingId: string };

type Item = NewChatMessage & { id: string; createdAt: Date };
type Outcome = StoreResult | ApiError;
/** Inside the transaction: stored now (loaded for presenting after the commit). */
type Written = { existingId: string } | ApiError | "created";

interface Scope {
  /** Threads number their replies on the root row (`reply_count`), in the root's channel. */
  table: "channels" | "conversations" | "threads";
  column: "channel_id" | "conversation_id" | "thread_id";
  what: string;
}

/** The most recent distinct repliers a root keeps (the avatars under it). */
export const REPLY_USERS_KEPT = 10;

// A root's repliers after a batch: the batch's authors newest first, then the ones it had, deduplicated.
const REPLIERS = `ARRAY(SELECT u FROM unnest(n.authors || t.reply_user_ids) WITH ORDINALITY AS x(u, o)
  WHERE u IS NOT NULL GROUP BY u ORDER BY min(o) LIMIT ${REPLY_USERS_KEPT})`;

/**
 * Thread replies: the root's row is the counter (locked like a channel's), the reply takes the
 * root's channel_id and the thread's next seq, and the same statement moves the root's
 * reply_count, last_reply_at and reply_user_ids. Same shapes and parameters as the others.
 */
const threadStatements = () => ({
  lock: `SELECT id, reply_count AS last_seq FROM messages WHERE id = ANY($1::text[]) AND thread_id IS NULL AND channel_id IS NOT NULL
    ORDER BY id FOR UPDATE`,
  existing: `SELECT m.id, m.author_id, m.client_id FROM messages m
    JOIN unnest($1::text[], $2::text[]) AS t(author_id, client_id) ON m.author_id = t.author_id AND m.client_id = t.client_id`,
  insert: `WITH ins AS (
      INSERT INTO messages (id, thread_id, channel_id, author_id, receiver_id, content, message_type, upload_id, client_id, seq, created_at)
      SELECT v.id, v.target, r.channel_id, v.author_id, v.receiver_id, v.content, v.message_type, v.upload_id, v.client_id, v.seq, v.created_at
      FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::"MessageType"[], $7::text[], $8::text[], $9::int[], $10::timestamp(3)[])
        AS v(id, target, author_id, receiver_id, content, message_type, upload_id, client_id, seq, created_at)
      JOIN messages r ON r.id = v.target
      ON CONFLICT DO NOTHING RETURNING id, thread_id, author_id, seq, created_at
    ), n AS (
      SELECT thread_id, max(seq) AS seq, max(created_at) AS at, array_agg(author_id ORDER BY seq DESC) AS authors FROM ins GROUP BY thread_id
    ), bump AS (
      UPDATE messages t SET reply_count = n.seq, last_reply_at = n.at, reply_user_ids = ${REPLIERS}
      FROM n WHERE t.id = n.thread_id
    )
    -- The per-target last seqs ($11 to $13) the other scopes take are read from ins here.
    SELECT id FROM ins, (SELECT $11::text[], $12::int[], $13::timestamp(3)[]) AS unused`,
  oneShot: `WITH input AS (
      SELECT t.*, row_number() OVER (PARTITION BY t.target ORDER BY t.ord) AS rn
      FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::"MessageType"[], $7::text[], $8::text[], $9::timestamp(3)[])
        WITH ORDINALITY AS t(id, target, author_id, receiver_id, content, message_type, upload_id, client_id, created_at, ord)
    ), locked AS (
      SELECT id, channel_id, reply_count AS last_seq FROM messages
      WHERE id IN (SELECT target FROM input) AND thread_id IS NULL AND channel_id IS NOT NULL ORDER BY id FOR UPDATE
    ), ins AS (
      INSERT INTO messages (id, thread_id, channel_id, author_id, receiver_id, content, message_type, upload_id, client_id, seq, created_at)
      SELECT i.id, i.target, l.channel_id, i.author_id, i.receiver_id, i.content, i.message_type, i.upload_id, i.client_id, l.last_seq + i.rn, i.created_at
      FROM input i JOIN locked l ON l.id = i.target
      RETURNING id
    ), n AS (
      SELECT l.id AS thread_id, l.last_seq + count(*)::int AS seq, max(i.created_at) AS at,
        array_agg(i.author_id ORDER BY i.rn DESC) AS authors
      FROM input i JOIN locked l ON l.id = i.target GROUP BY l.id, l.last_seq
    ), bump AS (
      UPDATE messages t SET reply_count = n.seq, last_reply_at = n.at, reply_user_ids = ${REPLIERS}
      FROM n WHERE t.id = n.thread_id
    )
    SELECT id FROM ins`,
});

// Deadlocks, serialization failures and lock timeouts: the batch is tried again as a whole.
const ATTEMPTS = 4;

/** Raised inside the transaction when a concurrent insert took a client_id after our check. */
class RaceLost extends Error {}

const statements = (s: Scope) => (s.table === "threads" ? threadStatements() : tableStatements(s));

const tableStatements = (s: Scope) => ({
  // Rows locked in id order: two nodes' batches over the same channels queue, never deadlock.
  lock: `SELECT id, last_seq FROM ${s.table} WHERE id = ANY($1::text[]) ORDER BY id FOR UPDATE`,
  existing: `SELECT m.id, m.author_id, m.client_id FROM messages m
    JOIN unnest($1::text[], $2::text[]) AS t(author_id, client_id) ON m.author_id = t.author_id AND m.client_id = t.client_id`,
  // Inserted and numbered in one statement: if a client_id was taken meanwhile (DO NOTHING), fewer
  // ids come back and the transaction is rolled back before last_seq moves for good.
  insert: `WITH ins AS (
      INSERT INTO messages (id, ${s.column}, author_id, receiver_id, content, message_type, upload_id, client_id, seq, created_at)
      SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::"MessageType"[], $7::text[], $8::text[], $9::int[], $10::timestamp(3)[])
      ON CONFLICT DO NOTHING RETURNING id
    ), bump AS (
      UPDATE ${s.table} t SET last_seq = v.seq${s.table === "conversations" ? ", last_message_at = v.at" : ""}
      FROM unnest($11::text[], $12::int[], $13::timestamp(3)[]) AS v(id, seq, at) WHERE t.id = v.id
    )
    SELECT id FROM ins`,
  // The common case in one statement and one round trip: lock, number, insert, move last_seq. A
  // client_id already taken fails it whole (unique violation, nothing written): the batch then
  // goes through the transaction above, which answers the stored message instead.
  oneShot: `WITH input AS (
      SELECT t.*, row_number() OVER (PARTITION BY t.target ORDER BY t.ord) AS rn
      FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::"MessageType"[], $7::text[], $8::text[], $9::timestamp(3)[])
        WITH ORDINALITY AS t(id, target, author_id, receiver_id, content, message_type, upload_id, client_id, created_at, ord)
    ), locked AS (
      SELECT id, last_seq FROM ${s.table} WHERE id IN (SELECT target FROM input) ORDER BY id FOR UPDATE
    ), ins AS (
      INSERT INTO messages (id, ${s.column}, author_id, receiver_id, content, message_type, upload_id, client_id, seq, created_at)
      SELECT i.id, i.target, i.author_id, i.receiver_id, i.content, i.message_type, i.upload_id, i.client_id, l.last_seq + i.rn, i.created_at
      FROM input i JOIN locked l ON l.id = i.target
      RETURNING id
    ), bump AS (
      UPDATE ${s.table} t SET last_seq = l.last_seq + n.cnt${s.table === "conversations" ? ", last_message_at = n.at" : ""}
      FROM locked l JOIN (SELECT target, count(*)::int AS cnt, max(created_at) AS at FROM input GROUP BY target) n ON n.target = l.id
      WHERE t.id = l.id
    )
    SELECT id FROM ins`,
});

/** The one-statement path, for batches without a client_id twice (those need the transaction). */
async function writeOneShot(scope: Scope, sqls: ReturnType<typeof statements>, items: Item[]): Promise<Map<number, Written> | null> {
  const keys = items.flatMap((i) => (i.clientId ? [`${i.authorId}\u0000${i.clientId}`] : []));
  if (new Set(keys).size !== keys.length) return null;
  let rows: { id: string }[];
  try {
    rows = await sql<{ id: string }>(sqls.oneShot, [
      items.map((i) => i.id),
      items.map((i) => i.targetId),
      items.map((i) => i.authorId),
      items.map((i) => i.receiverId),
      items.map((i) => i.content),
      items.map((i) => i.messageType),
      items.map((i) => i.uploadId),
      items.map((i) => i.clientId),
      items.map((i) => i.createdAt.toISOString()),
    ]);
  } catch (err) {
    if (isUniqueViolation(err)) return null;
    throw err;
  }
  const stored = new Set(rows.map((r) => r.id));
  // A target missing from the lock (deleted meanwhile) stored nothing for its items.
  return new Map(items.map((item, i) => [i, stored.has(item.id) ? "created" : errors.notFound(scope.what)]));
}

async function writeOnce(
  scope: Scope,
  sqls: ReturnType<typeof statements>,
  items: Item[],
  checkTaken: boolean,
): Promise<Map<number, Written>> {
  return sqlTransaction(async (run: SqlRunner) => {
    const outcomes = new Map<number, Written>();
    const targets = [...new Set(items.map((i) => i.targetId))];
    const locked = await run<{ id: string; last_seq: number }>(sqls.lock, [targets]);
    const next = new Map(locked.map((r) => [r.id, Number(r.last_seq)]));

    // Resends were answered before they queued: look for taken client_ids only after a race.
    const withClientId = checkTaken ? items.filter((i) => i.clientId) : [];
    const taken = new Map<string, string>();
    if (withClientId.length) {
      const rows = await run<{ id: string; author_id: string; client_id: string }>(sqls.existing, [
        withClientId.map((i) => i.authorId),
        withClientId.map((i) => i.clientId),
      ]);
      for (const r of rows) taken.set(`${r.author_id}\u0000${r.client_id}`, r.id);
    }

    const fresh: { index: number; item: Item; seq: number }[] = [];
    const firstOfKey = new Map<string, number>();
    items.forEach((item, index) => {
      if (!next.has(item.targetId)) return outcomes.set(index, errors.notFound(scope.what));
      const key = item.clientId ? `${item.authorId}\u0000${item.clientId}` : null;
      if (key && taken.has(key)) return outcomes.set(index, { existingId: taken.get(key)! });
      // The same client_id twice in one batch (a double click): stored once, both get it.
      if (key && firstOfKey.has(key)) return outcomes.set(index, { existingId: items[firstOfKey.get(key)!]!.id });
      if (key) firstOfKey.set(key, index);
      const seq = next.get(item.targetId)! + 1;
      next.set(item.targetId, seq);
      fresh.push({ index, item, seq });
    });
    if (!fresh.length) return outcomes;

    const last = new Map<string, { seq: number; at: string }>();
    for (const f of fresh) last.set(f.item.targetId, { seq: f.seq, at: f.item.createdAt.toISOString() });
    const inserted = await run<{ id: string }>(sqls.insert, [
      fresh.map((f) => f.item.id),
      fresh.map((f) => f.item.targetId),
      fresh.map((f) => f.item.authorId),
      fresh.map((f) => f.item.receiverId),
      fresh.map((f) => f.item.content),
      fresh.map((f) => f.item.messageType),
      fresh.map((f) => f.item.uploadId),
      fresh.map((f) => f.item.clientId),
      fresh.map((f) => f.seq),
      fresh.map((f) => f.item.createdAt.toISOString()),
      [...last.keys()],
      [...last.values()].map((v) => v.seq),
      [...last.values()].map((v) => v.at),
    ]);
    // A client_id taken between the check and the insert would leave a hole in seq: start over.
    if (inserted.length !== fresh.length) throw new RaceLost();
    for (const f of fresh) outcomes.set(f.index, "created");
    return outcomes;
  });
}

/**
 * One batch: lock the targets' rows, number the messages after each target's last seq, insert
 * them and move last_seq, all in one transaction (client_ids already stored are skipped, checked
 * again after a lost race); then load what was
 * stored for presenting. Transient conflicts retry the whole batch; a database that stays busy or
 * goes away answers UNAVAILABLE (retryable), never INTERNAL.
 */
function writer(scope: Scope) {
  const sqls = statements(scope);
  return async (items: Item[]): Promise<Outcome[]> => {
    let outcomes: Map<number, Written> | undefined;
    for (let attempt = 1; !outcomes; attempt++) {
      try {
        // After the one-statement path gave way (a client_id taken), the transaction looks for taken ones.
        outcomes = (attempt === 1 ? await writeOneShot(scope, sqls, items) : null) ?? (await writeOnce(scope, sqls, items, true));
      } catch (err) {
        const retry = err instanceof RaceLost || isTransientConflict(err);
        if (!retry || attempt >= ATTEMPTS) {
          if (retry || isDatabaseUnavailable(err)) throw errors.unavailable();
          throw err;
        }
        await new Promise((r) => setTimeout(r, 5 * attempt + Math.random() * 10));
      }
    }
    const written = outcomes;
    const created = items.filter((_, i) => written.get(i) === "created").map((i) => i.id);
    const rows = new Map((await loadMessagesByIds(created, { fresh: true })).map((r) => [r.id, r]));
    return items.map((item, i) => {
      const o = written.get(i)!;
      return o === "created" ? { created: rows.get(item.id)! } : o;
    });
  };
}

function queue(scope: Scope) {
  const write = writer(scope);
  // Item errors (a channel deleted meanwhile) come back as values so they fail alone.
  const enqueue = groupCommit<Item, Outcome>({ write });
  return async (message: NewChatMessage): Promise<StoreResult> => {
    const outcome = await enqueue({ ...message, id: newId(), createdAt: new Date() });
    if (outcome instanceof ApiError) throw outcome;
    return outcome;
  };
}

/** Stores a channel message, group-committed with concurrent ones, numbered in its channel. */
export const insertChannelMessage = queue({ table: "channels", column: "channel_id", what: "Channel" });

/** Stores a thread reply (targetId: the root), numbered in its thread; the root's counters move with it. */
export const insertThreadReply = queue({ table: "threads", column: "thread_id", what: "Message" });

/** Stores a direct message, numbered in its conversation (whose last_message_at moves with it). */
export const insertDirectMessage = queue({ table: "conversations", column: "conversation_id", what: "Conversation" });
