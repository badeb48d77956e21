import "server-only";
import { db } from "@/lib/db/prisma";
import { publish } from "@/lib/events/bus";
import { ApiError, errors } from "@/lib/http/errors";
import { limitAction } from "@/lib/rate-limit";
import type { ModerationJson } from "./class-schemas";
import { dropHand } from "./hands";
import { removeFromRoom } from "./service";
import { requireOpenParticipant, type RoomAccessPolicy } from "./access";
import { emitToRoom } from "./events";
import { announceModeration as announce } from "./moderation-state";
import { forgetSendPolicy } from "./send-policy";

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

async function requireHostOver(userId: string, code: string, targetId: string) {
  const room = await requireOpenParticipant(userId, code);
  if (room.hostId !== userId) throw errors.forbidden("Only the host can moderate this room");
  if (targetId === userId) throw errors.validation({ user_id: ["The host cannot moderate themselves"] });
  const member = await db().roomParticipant.findUnique({ where: { roomId_userId: { roomId: code, userId: targetId } } });
  if (!member) throw errors.notFound("Participant");
  await limitAction("interaction", userId);
  return { room, member };
}

/** Mutes for `minutes` from now (0 lifts the mute). */
export async function muteParticipant(userId: string, code: string, targetId: string, minutes: number): Promise<ModerationJson> {
  const { room } = await requireHostOver(userId, code, targetId);
  const mutedUntil = minutes ? new Date(Date.now() + minutes * 60_000) : null;
  await db().roomSanction.upsert({
    where: { roomId_userId: { roomId: code, userId: targetId } },
    create: { roomId: code, userId: targetId, mutedUntil },
    update: { mutedUntil },
  });
  forgetSendPolicy(code);
  return announce(code, room.hostId);
}

/** Out of the room now (they may rejoin by code), or for good with `ban` (joins answer BANNED). */
export async function removeParticipant(userId: string, code: string, targetId: string, ban: boolean): Promise<void> {
  const { room, member } = await requireHostOver(userId, code, targetId);
  if (ban)
    await db().roomSanction.upsert({
      where: { roomId_userId: { roomId: code, userId: targetId } },
      create: { roomId: code, userId: targetId, bannedAt: new Date() },
      update: { bannedAt: new Date() },
    });
  else if (member.leftAt) throw errors.notFound("Participant");
  // Told before the sockets are taken out, so the removed user hears why.
  publish("rooms.participant_removed", { roomId: code, userId: targetId, banned: ban });
  await removeFromRoom(code, targetId);
  await dropHand(code, targetId);
  if (ban) await announce(code, room.hostId);
}

/**
 * The host lifts a ban: the user may join again by code (they are not put back in the room).
 * NOT_FOUND when that user is not banned here.
 */
export async function unbanUser(userId: string, code: string, targetId: string): Promise<ModerationJson> {
  const room = await requireOpenParticipant(userId, code);
  if (room.hostId !== userId) throw errors.forbidden("Only the host can moderate this room");
  await limitAction("interaction", userId);
  const { count } = await db().roomSanction.updateMany({
    where: { roomId: code, userId: targetId, bannedAt: { not: null } },
    data: { bannedAt: null },
  });
  if (!count) throw errors.notFound("Banned user");
  return announce(code, room.hostId);
}

export async function setSlowMode(userId: string, code: string, seconds: number): Promise<ModerationJson> {
  const room = await requireOpenParticipant(userId, code);
  if (room.hostId !== userId) throw errors.forbidden("Only the host can moderate this room");
  await db().roomModeration.upsert({
    where: { roomId: code },
    create: { roomId: code, slowModeSeconds: seconds },
    update: { slowModeSeconds: seconds },
  });
  forgetSendPolicy(code);
  return announce(code, room.hostId);
}

/** Registered with the rooms domain by the composition root: a banned user's joins (HTTP and socket) answer BANNED. */
export const banPolicy: RoomAccessPolicy = async ({ room, userId }) => {
  const sanction = await db().roomSanction.findUnique({
    where: { roomId_userId: { roomId: room.id, userId } },
    select: { bannedAt: true },
  });
  if (sanction?.bannedAt) throw new ApiError("BANNED", "The host removed you from this room");
};
