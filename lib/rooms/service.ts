import "server-only";
import { randomInt } from "node:crypto";
import type { Room, RoomControls, RoomMode } from "@prisma/client";
import { userSummary } from "@/lib/accounts/present";
import { db } from "@/lib/db/prisma";
import { isUniqueViolation } from "@/lib/db/errors";
import { errors } from "@/lib/http/errors";
import { publish } from "@/lib/events/bus";
import { checkAccessPolicies, findRoom, requireHost, requireOpenParticipant, requireParticipant } from "./access";
import { emitToRoom } from "./events";
import { announceModeration } from "./moderation-state";
import { onlineUserIds } from "./ports";
import { presentRoom } from "./present";
import type { ParticipantJson } from "./schemas";

// A room's life: created with a code, joined, left (the host hands it on), its mode and controls,
// closed. Who may act is in ./access.ts; the chat in ./messages.ts; the player in ./video.ts;
// photos, notes and class interaction in their own files.

const CODE_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

function newCode(): string {
  let code = "";
  for (let i = 0; i < 8; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

export async function createRoom(userId: string, name: string): Promise<Room> {
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      return await db().room.create({
        data: { id: newCode(), name, hostId: userId, participants: { create: { userId } } },
      });
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
    }
  }
  throw new Error("could not allocate a room code");
}

/** Deletes a room nobody used: its creator's next step failed (a meeting that was not saved). */
export async function discardRoom(code: string): Promise<void> {
  await db().room.deleteMany({ where: { id: code } });
}

export async function listParticipants(code: string, hostId: string | null): Promise<ParticipantJson[]> {
  const [members, online] = await Promise.all([
    db().roomParticipant.findMany({ where: { roomId: code, leftAt: null }, include: { user: true }, orderBy: { joinedAt: "asc" } }),
    onlineUserIds(code),
  ]);
  return members.map((m) => ({
    ...userSummary(m.user),
    online: online.has(m.userId),
    is_host: m.userId === hostId,
    joined_at: m.joinedAt.toISOString(),
  }));
}

export async function broadcastParticipants(code: string): Promise<void> {
  const room = await db().room.findUnique({ where: { id: code } });
  if (!room) return;
  emitToRoom(code, "participants", { room_id: code, participants: await listParticipants(code, room.hostId) });
}

export async function listMyRooms(userId: string) {
  const rooms = await db().room.findMany({
    where: { participants: { some: { userId, leftAt: null } } },
    orderBy: [{ isOpen: "desc" }, { updatedAt: "desc" }],
    include: { _count: { select: { participants: { where: { leftAt: null } } } } },
    take: 100,
  });
  return rooms.map((r) => ({ ...presentRoom(r), participant_count: r._count.participants, is_host: r.hostId === userId }));
}

/**
 * Join by code: anyone who has the code may join an open room, unless a registered access policy
 * refuses. Re-joining after leaving counts as a new arrival. A room left without a host gets the
 * newcomer as host.
 */
export async function joinRoom(userId: string, code: string): Promise<Room> {
  const room = await findRoom(code);
  if (!room.isOpen) throw errors.gone("This room is closed");
  const existing = await db().roomParticipant.findUnique({ where: { roomId_userId: { roomId: code, userId } } });
  await checkAccessPolicies({ room, userId, membership: existing });
  if (!existing) await db().roomParticipant.create({ data: { roomId: code, userId } });
  else if (existing.leftAt)
    await db().roomParticipant.update({ where: { roomId_userId: { roomId: code, userId } }, data: { leftAt: null, joinedAt: new Date() } });
  if (!room.hostId) {
    const updated = await db().room.update({ where: { id: code }, data: { hostId: userId } });
    emitToRoom(code, "host_changed", { room_id: code, host_id: userId });
    return updated;
  }
  return room;
}

/** The next host: the longest-present participant, preferring those connected right now. */
async function handOff(code: string, leavingUserId: string): Promise<string | null> {
  const [members, online] = await Promise.all([
    db().roomParticipant.findMany({ where: { roomId: code, leftAt: null, userId: { not: leavingUserId } }, orderBy: { joinedAt: "asc" } }),
    onlineUserIds(code),
  ]);
  const next = members.find((m) => online.has(m.userId)) ?? members[0];
  const hostId = next?.userId ?? null;
  await db().room.update({ where: { id: code }, data: { hostId } });
  if (hostId) {
    emitToRoom(code, "host_changed", { room_id: code, host_id: hostId });
    // The new host's panel needs the host's view (who is banned) without rejoining.
    await announceModeration(code, hostId);
  }
  return hostId;
}

/** Leaving for good (a dropped connection is not leaving). The host's leaving hands the room on. */
export async function leaveRoom(userId: string, code: string): Promise<void> {
  await depart(await requireParticipant(userId, code), userId);
}

async function depart(room: Room, userId: string): Promise<void> {
  await db().roomParticipant.update({ where: { roomId_userId: { roomId: room.id, userId } }, data: { leftAt: new Date() } });
  publish("rooms.participant_left", { roomId: room.id, userId });
  if (room.hostId === userId && room.isOpen) await handOff(room.id, userId);
  await broadcastParticipants(room.id);
}

/**
 * Takes a user out of a room as if they had left for good, when the thing that gave them access
 * withdraws it (a student taken off a meeting). Nothing happens if they are not in it.
 */
export async function removeFromRoom(code: string, userId: string): Promise<void> {
  const room = await db().room.findUnique({ where: { id: code } });
  const member = room && (await db().roomParticipant.findUnique({ where: { roomId_userId: { roomId: code, userId } } }));
  if (room && member && !member.leftAt) await depart(room, userId);
}

/** A new name (no event: clients show it on their next load). */
export async function renameRoom(code: string, name: string): Promise<void> {
  await db().room.updateMany({ where: { id: code }, data: { name } });
}

export async function closeRoom(userId: string, code: string): Promise<Room> {
  const room = await requireParticipant(userId, code);
  requireHost(room, userId);
  if (!room.isOpen) return room;
  return closeOpenRoom(code);
}

/** Closes a room for the thing it belongs to (a meeting's breakout group that ended), whoever hosts it now. */
export async function closeRoomFor(code: string): Promise<void> {
  const room = await db().room.findUnique({ where: { id: code } });
  if (room?.isOpen) await closeOpenRoom(code);
}

async function closeOpenRoom(code: string): Promise<Room> {
  const closed = await db().room.update({ where: { id: code }, data: { isOpen: false, closedAt: new Date(), videoPlaying: false } });
  publish("rooms.closed", { roomId: code });
  return closed;
}

export async function setMode(userId: string, code: string, mode: RoomMode): Promise<Room> {
  const room = await requireOpenParticipant(userId, code);
  requireHost(room, userId);
  const updated = await db().room.update({ where: { id: code }, data: { mode } });
  emitToRoom(code, "mode_changed", { room_id: code, mode });
  return updated;
}

export async function setControls(userId: string, code: string, controls: RoomControls): Promise<Room> {
  const room = await requireOpenParticipant(userId, code);
  requireHost(room, userId);
  const updated = await db().room.update({ where: { id: code }, data: { controls } });
  emitToRoom(code, "controls_changed", { room_id: code, controls });
  return updated;
}

export async function roomDetail(userId: string, code: string) {
  const room = await requireParticipant(userId, code);
  return { room: presentRoom(room), participants: await listParticipants(code, room.hostId) };
}

/** An account is being deleted (lib/app/delete-account.ts): its open rooms pass to the longest-present participant. */
export async function handOffRoomsOf(userId: string): Promise<void> {
  const hosted = await db().room.findMany({ where: { hostId: userId, isOpen: true }, select: { id: true } });
  for (const { id } of hosted) {
    await handOff(id, userId);
    await broadcastParticipants(id);
  }
}
