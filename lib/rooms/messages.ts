import "server-only";
import type { Prisma } from "@prisma/client";
import { userSummarySelect } from "@/lib/accounts/present";
import { db } from "@/lib/db/prisma";
import { decodeCursor, encodeCursor } from "@/lib/http/cursor";
import { limitAction } from "@/lib/rate-limit";
import { requireOpenParticipant, requireParticipant } from "./access";
import { emitToRoom } from "./events";
import { insertRoomMessage } from "./message-store";
import { presentMessage } from "./present";
import { assertMaySend } from "./send-policy";

// The room's chat: history on joining, sending (stored once per client_id), paging by cursor.

export const HISTORY_ON_JOIN = 50;

export async function recentMessages(code: string, take = HISTORY_ON_JOIN) {
  const rows = await db().roomMessage.findMany({
    where: { roomId: code },
    orderBy: { createdAt: "desc" },
    take,
    include: { author: true },
  });
  return rows.reverse().map(presentMessage);
}

/**
 * Persist, then broadcast: every acknowledged message is in the database. A resend with the
 * same client_id returns the stored message without a second row or broadcast.
 * `joined`: the caller's socket is in the room's channel, which proves membership of an open
 * room (joining checks it; leaving and closing take sockets out), so the hot path skips the
 * two lookups.
 */
export async function sendRoomMessage(userId: string, code: string, content: string, clientId?: string, joined = false) {
  if (!joined) await requireOpenParticipant(userId, code);
  const storedBefore = () =>
    db().roomMessage.findUnique({
      where: { roomId_authorId_clientId: { roomId: code, authorId: userId, clientId: clientId! } },
      include: { author: { select: userSummarySelect } },
    });
  try {
    await assertMaySend(userId, code, { slowMode: true });
    await limitAction("message", userId);
  } catch (refusal) {
    // A retry of a message already stored (its ack was lost) is not a new send: it gets its
    // ack again, not the slow mode, mute or rate limit its own first send brought on. Looked up
    // only on a refusal, so sends that go through pay nothing for it.
    const existing = clientId ? await storedBefore() : null;
    if (existing) return presentMessage(existing);
    throw refusal;
  }
  const stored = await insertRoomMessage({ roomId: code, authorId: userId, content, clientId: clientId ?? null });
  if (stored) {
    const message = presentMessage(stored);
    emitToRoom(code, "message_created", { message });
    return message;
  }
  // The same client_id again (a retry after a lost ack): the stored message, once.
  const existing = await storedBefore();
  if (!existing) throw new Error("room message with this client_id neither stored nor found");
  return presentMessage(existing);
}

/**
 * History by cursor: `before` pages back (scrolling up), `after` catches up after a reconnect
 * that could not be recovered. Oldest first within the page either way.
 */
export async function roomMessagesPage(userId: string, code: string, page: { limit: number; before?: string; after?: string }) {
  await requireParticipant(userId, code);
  const where: Prisma.RoomMessageWhereInput = { roomId: code };
  if (page.before) {
    const c = decodeCursor(page.before, "before");
    where.OR = [{ createdAt: { lt: c.createdAt } }, { createdAt: c.createdAt, id: { lt: c.id } }];
  } else if (page.after) {
    const c = decodeCursor(page.after, "after");
    where.OR = [{ createdAt: { gt: c.createdAt } }, { createdAt: c.createdAt, id: { gt: c.id } }];
  }
  const backwards = !page.after;
  const rows = await db().roomMessage.findMany({
    where,
    orderBy: [{ createdAt: backwards ? "desc" : "asc" }, { id: backwards ? "desc" : "asc" }],
    take: page.limit + 1,
    include: { author: true },
  });
  const more = rows.length > page.limit;
  const pageRows = rows.slice(0, page.limit);
  if (backwards) pageRows.reverse();
  const edge = backwards ? pageRows[0] : pageRows.at(-1);
  return {
    messages: pageRows.map(presentMessage),
    next_cursor: more && edge ? encodeCursor(edge) : null,
    cursor: pageRows.at(-1) ? encodeCursor(pageRows.at(-1)!) : null,
  };
}
