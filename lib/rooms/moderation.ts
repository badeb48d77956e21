import "server-only";
import { db } from "@/lib/db/prisma";
import { publish } from "@/lib/events/bus";

/**
 * An administrator removes a room chat message (a report resolved with delete_message). Room chat
 * has no soft delete (no edits, receipts or threads hang on it): the row goes, and
 * `rooms.message_deleted` tells whoever listens (open room pages drop it). False when already gone.
 */
export async function deleteRoomMessage(id: string): Promise<boolean> {
  const row = await db().roomMessage.findUnique({ where: { id }, select: { roomId: true } });
  if (!row) return false;
  const gone = await db().roomMessage.deleteMany({ where: { id } });
  if (gone.count) publish("rooms.message_deleted", { roomId: row.roomId, id });
  return gone.count > 0;
}
