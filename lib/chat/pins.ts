import "server-only";
import { isAdministrator } from "@/lib/accounts/admins";
import { db, sql } from "@/lib/db/prisma";
import { errors } from "@/lib/http/errors";
import { limitAction } from "@/lib/rate-limit";
import { requireRead } from "./channels";
import { emitToChannel } from "./events";
import { loadMessagesByIds } from "./history";
import { presentMessage } from "./present";
import type { ChatMessageJson } from "./schemas";

/** A channel keeps at most this many pins listed (the newest pins first). */
export const PINS_LISTED = 100;

/**
 * Pins or unpins a channel message (or a thread reply): the channel's owner, or a moderator (an
 * administrator). Pinning twice keeps the first pin; both answer the message. The channel's open
 * sockets get `pin_updated`. Rate limited as sending is.
 */
export async function setPinned(userId: string, id: string, pinned: boolean): Promise<ChatMessageJson> {
  const m = await db().message.findUnique({
    where: { id },
    select: { id: true, deletedAt: true, pinnedAt: true, channel: { select: { id: true, slug: true, ownerId: true } } },
  });
  if (!m) throw errors.notFound("Message");
  if (!m.channel) throw errors.validation({ id: ["Only channel messages can be pinned"] }, "Not a channel message");
  if (m.channel.ownerId !== userId) {
    const user = await db().user.findUnique({ where: { id: userId }, select: { email: true, isAdmin: true, deactivatedAt: true } });
    if (!user || !isAdministrator(user)) throw errors.forbidden("Only the channel's owner or a moderator can pin messages");
  }
  if (m.deletedAt) throw errors.conflict("This message was deleted");
  await limitAction("message", userId);
  const changed = await db().message.updateMany({
    where: { id, pinnedAt: pinned ? null : { not: null } },
    data: pinned ? { pinnedAt: new Date(), pinnedById: userId } : { pinnedAt: null, pinnedById: null },
  });
  const [row] = await loadMessagesByIds([id]);
  const message = presentMessage(row!);
  if (changed.count) {
    emitToChannel(m.channel.id, "pin_updated", {
      id,
      channel: m.channel.slug,
      pinned_at: message.pinned_at,
      pinned_by: message.pinned_by,
      message,
    });
  }
  return message;
}

const PINS = `SELECT id FROM messages WHERE channel_id = $1 AND pinned_at IS NOT NULL AND deleted_at IS NULL
  ORDER BY pinned_at DESC LIMIT ${PINS_LISTED}`;

/** GET /api/channels/{slug}/pins: whoever may read the channel; the newest pin first. */
export async function listPins(userId: string, slug: string): Promise<{ messages: ChatMessageJson[] }> {
  const { channel } = await requireRead(userId, slug);
  const ids = (await sql<{ id: string }>(PINS, [channel.id])).map((r) => r.id);
  const rows = new Map((await loadMessagesByIds(ids)).map((r) => [r.id, r]));
  return { messages: ids.flatMap((i) => (rows.has(i) ? [presentMessage(rows.get(i)!)] : [])) };
}
