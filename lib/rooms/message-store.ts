import "server-only";
import type { Role, RoomMessage } from "@prisma/client";
import { sql } from "@/lib/db/prisma";
import { groupCommit } from "@/lib/db/group-commit";
import { newId } from "@/lib/db/ids";
import type { SummarySource } from "@/lib/accounts/present";

export interface NewRoomMessage {
  roomId: string;
  authorId: string;
  content: string;
  clientId: string | null;
}

export type StoredRoomMessage = RoomMessage & { author: SummarySource | null };

interface Row {
  id: string;
  username: string | null;
  name: string | null;
  role: Role | null;
  avatar_upload_id: string | null;
}

/**
 * One statement per batch: insert every row, skip the ones whose (room, author, client_id) is
 * already stored (a retried send), and read the authors in the same round trip.
 */
async function writeBatch(items: (NewRoomMessage & { id: string; createdAt: Date })[]): Promise<(StoredRoomMessage | null)[]> {
  const rows = await sql<Row>(
    `WITH input AS (
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::timestamp(3)[])
         AS t(id, room_id, author_id, content, client_id, created_at)
     ), inserted AS (
       INSERT INTO room_messages (id, room_id, author_id, content, client_id, created_at)
       SELECT id, room_id, author_id, content, client_id, created_at FROM input
       ON CONFLICT (room_id, author_id, client_id) DO NOTHING
       RETURNING id, author_id
     )
     SELECT i.id, u.username, u.name, u.role::text AS role, u.avatar_upload_id
     FROM inserted i LEFT JOIN users u ON u.id = i.author_id`,
    [
      items.map((m) => m.id),
      items.map((m) => m.roomId),
      items.map((m) => m.authorId),
      items.map((m) => m.content),
      items.map((m) => m.clientId),
      items.map((m) => m.createdAt.toISOString()),
    ],
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  return items.map((m) => {
    const row = byId.get(m.id);
    if (!row) return null;
    const author =
      row.username === null
        ? null
        : { id: m.authorId, username: row.username, name: row.name!, role: row.role!, avatarUploadId: row.avatar_upload_id };
    return { id: m.id, roomId: m.roomId, authorId: m.authorId, content: m.content, clientId: m.clientId, createdAt: m.createdAt, author };
  });
}

const enqueue = groupCommit({ write: writeBatch });

/**
 * Stores a room message (group-committed with concurrent ones); `null` when this author already
 * stored one with the same client_id in this room.
 */
export function insertRoomMessage(message: NewRoomMessage): Promise<StoredRoomMessage | null> {
  return enqueue({ ...message, id: newId(), createdAt: new Date() });
}
