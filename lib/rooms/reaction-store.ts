import "server-only";
import type { Role, RoomMode } from "@prisma/client";
import type { SummarySource } from "@/lib/accounts/present";
import { groupCommit } from "@/lib/db/group-commit";
import { sql } from "@/lib/db/prisma";
import { positionAt } from "./youtube-state";

export interface NewReaction {
  roomId: string;
  userId: string;
  emoji: string;
}

export interface StoredReaction {
  /** Rounded to 0.1 s, in youtube mode with a video loaded. */
  videoTime?: number;
  createdAt: Date;
  user: SummarySource;
}

interface RoomRow {
  id: string;
  mode: RoomMode;
  is_open: boolean;
  video_id: string | null;
  video_playing: boolean;
  video_position: number;
  video_rate: number;
  video_updated_at: Date;
  video_version: number;
}

interface UserRow {
  id: string;
  username: string;
  name: string;
  role: Role;
  avatar_upload_id: string | null;
}

/**
 * Two statements per batch, whatever its size: the rooms' video clocks (the time each reaction
 * is stamped with, read when it is stored) and one insert that also reads the reactors' summaries.
 * A room gone or closed meanwhile stores nothing for its items (`null`).
 */
async function writeBatch(items: (NewReaction & { createdAt: Date })[]): Promise<(StoredReaction | null)[]> {
  const rooms = await sql<RoomRow>(
    `SELECT id, mode::text AS mode, is_open, video_id, video_playing, video_position, video_rate, video_updated_at, video_version
     FROM rooms WHERE id = ANY($1::text[])`,
    [[...new Set(items.map((i) => i.roomId))]],
  );
  const byRoom = new Map(rooms.map((r) => [r.id, r]));
  const rows = items.flatMap((item) => {
    const room = byRoom.get(item.roomId);
    if (!room?.is_open) return [];
    const withVideo = room.mode === "youtube" && !!room.video_id;
    const state = {
      videoId: room.video_id,
      playing: room.video_playing,
      position: room.video_position,
      rate: room.video_rate,
      updatedAt: room.video_updated_at.getTime(),
      version: room.video_version,
    };
    const videoTime = withVideo ? Math.round(positionAt(state, item.createdAt.getTime()) * 10) / 10 : undefined;
    return [{ item, videoId: withVideo ? room.video_id : null, videoTime }];
  });
  if (!rows.length) return items.map(() => null);
  const users = await sql<UserRow>(
    `WITH inserted AS (
       INSERT INTO room_reactions (room_id, user_id, emoji, video_id, video_time, created_at)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::float8[], $6::timestamp(3)[])
       RETURNING user_id
     )
     SELECT u.id, u.username, u.name, u.role::text AS role, u.avatar_upload_id
     FROM users u WHERE u.id IN (SELECT user_id FROM inserted)`,
    [
      rows.map((r) => r.item.roomId),
      rows.map((r) => r.item.userId),
      rows.map((r) => r.item.emoji),
      rows.map((r) => r.videoId),
      rows.map((r) => r.videoTime ?? null),
      rows.map((r) => r.item.createdAt.toISOString()),
    ],
  );
  const byUser = new Map(users.map((u) => [u.id, u]));
  const stored = new Map(rows.map((r) => [r.item, r]));
  return items.map((item) => {
    const row = stored.get(item);
    const u = byUser.get(item.userId);
    if (!row || !u) return null;
    const user = { id: u.id, username: u.username, name: u.name, role: u.role, avatarUploadId: u.avatar_upload_id };
    return { ...(row.videoTime !== undefined ? { videoTime: row.videoTime } : {}), createdAt: item.createdAt, user };
  });
}

const enqueue = groupCommit({ write: writeBatch });

/** Stores one reaction, group-committed with concurrent ones; `null` when the room is closed or gone. */
export function insertReaction(reaction: NewReaction): Promise<StoredReaction | null> {
  return enqueue({ ...reaction, createdAt: new Date() });
}
