import "server-only";
import { db } from "@/lib/db/prisma";
import { emitToRoom } from "./events";

/**
 * An administrator removes a room chat message (a report resolved with delete_message). Room chat
 * has no soft delete (no edits, receipts or threads hang on it): the row goes, and
 * `message_deleted` to the room tells whoever listens (open room pages drop it). False when already gone.
 */
export async function deleteRoomMessage(id: string): Promise<boolean> {
  const row = await db().roomMessage.findUnique({ where: { id }, select: { roomId: true } });
  if (!row) return false;
  const gone = await db().roomMessage.deleteMany({ where: { id } });
  if (gone.count) emitToRoom(row.roomId, "message_deleted", { room_id: row.roomId, id });
  return gone.count > 0;
}
