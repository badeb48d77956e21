import type { Room, RoomMessage, RoomNote, User } from "@prisma/client";
import { env } from "@/lib/env.mjs";
import { encodeCursor } from "@/lib/http/cursor";
import { userSummary, type SummarySource } from "@/lib/accounts/present";
import type { NoteJson, RoomJson, RoomMessageJson, YoutubeStateJson } from "./schemas";
import { snapshotAt, type VideoState } from "./youtube-state";

export function presentRoom(room: Room): RoomJson {
  return {
    room_id: room.id,
    name: room.name,
    host_id: room.hostId,
    mode: room.mode,
    controls: room.controls,
    is_open: room.isOpen,
    join_url: `${env().APP_URL}/rooms/${room.id}`,
    created_at: room.createdAt.toISOString(),
    closed_at: room.closedAt?.toISOString() ?? null,
  };
}

export function presentMessage(m: RoomMessage & { author: SummarySource | null }): RoomMessageJson {
  return {
    id: m.id,
    room_id: m.roomId,
    author: userSummary(m.author),
    content: m.content,
    client_id: m.clientId,
    created_at: m.createdAt.toISOString(),
    cursor: encodeCursor(m),
  };
}

export function presentNote(n: RoomNote & { author: User | null }): NoteJson {
  return {
    id: n.id,
    room_id: n.roomId,
    author: userSummary(n.author),
    content: n.content,
    timecode: n.timecode,
    video_id: n.videoId,
    created_at: n.createdAt.toISOString(),
  };
}

export function videoStateOf(room: Room): VideoState {
  return {
    videoId: room.videoId,
    playing: room.videoPlaying,
    position: room.videoPosition,
    rate: room.videoRate,
    updatedAt: room.videoUpdatedAt.getTime(),
    version: room.videoVersion,
  };
}

/** The wire shape; `position` is the position implied at `now` (late joiners start right). */
export function presentVideoState(roomId: string, state: VideoState, now = Date.now()): YoutubeStateJson {
  const s = snapshotAt(state, now);
  return {
    room_id: roomId,
    video_id: s.videoId,
    playing: s.playing,
    position: Math.round(s.position * 1000) / 1000,
    rate: s.rate,
    updated_at: s.updatedAt,
    version: s.version,
    server_now: now,
  };
}
