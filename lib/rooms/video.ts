import "server-only";
import type { Prisma, Room } from "@prisma/client";
import { db } from "@/lib/db/prisma";
import { errors } from "@/lib/http/errors";
import { requireControl, requireOpenParticipant, requireParticipant } from "./access";
import { emitToRoom } from "./events";
import { presentVideoState, videoStateOf } from "./present";
import { queueSnapshot } from "./queue-snapshot";
import { applyVideoAction, positionAt, type VideoAction } from "./youtube-state";

// The room's YouTube player: the server-authoritative state (./youtube-state.ts) and its changes.

/**
 * One video change, serialized per room by a row lock so concurrent actions on any node apply in
 * order and `version` only grows.
 */
export async function videoAction(userId: string, code: string, action: VideoAction) {
  const room = await requireOpenParticipant(userId, code);
  requireControl(room, userId);
  if (action.type !== "load" && !room.videoId) throw errors.conflict("No video is loaded");
  const next = await db().$transaction(async (tx: Prisma.TransactionClient) => {
    await tx.$queryRaw`SELECT id FROM rooms WHERE id = ${code} FOR UPDATE`;
    const current = await tx.room.findUniqueOrThrow({ where: { id: code } });
    const state = applyVideoAction(videoStateOf(current), action, Date.now());
    await tx.room.update({
      where: { id: code },
      data: {
        videoId: state.videoId,
        videoPlaying: state.playing,
        videoPosition: state.position,
        videoRate: state.rate,
        videoUpdatedAt: new Date(state.updatedAt),
        videoVersion: state.version,
        ...(action.type === "load" ? { mode: "youtube" as const } : {}),
      },
    });
    return { state, modeChanged: action.type === "load" && current.mode !== "youtube" };
  });
  const payload = { ...presentVideoState(code, next.state), ...(await queueSnapshot(code, next.state.videoId)) };
  emitToRoom(code, "youtube_state", payload);
  if (next.modeChanged) emitToRoom(code, "mode_changed", { room_id: code, mode: "youtube" });
  return payload;
}

export async function videoState(userId: string, code: string) {
  const room = await requireParticipant(userId, code);
  return { ...presentVideoState(code, videoStateOf(room)), ...(await queueSnapshot(code, room.videoId)) };
}

/** The room's video position now (notes default to it). */
export function currentVideoPosition(room: Room): number {
  return room.videoId ? positionAt(videoStateOf(room), Date.now()) : 0;
}
