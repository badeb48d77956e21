import "server-only";
import type { Room, RoomParticipant } from "@prisma/client";
import { db } from "@/lib/db/prisma";
import { errors } from "@/lib/http/errors";
import { singleton } from "@/lib/system/singleton";

// Who may do what in a room: participants, the open room, the host, the room's controls, and the
// access policies other domains register (meetings, bans).

export async function findRoom(code: string): Promise<Room> {
  const room = await db().room.findUnique({ where: { id: code } });
  if (!room) throw errors.notFound("Room");
  return room;
}

/** The room, if the user is one of its current participants (403 otherwise). */
export async function requireParticipant(userId: string, code: string): Promise<Room> {
  const room = await findRoom(code);
  const member = await db().roomParticipant.findUnique({ where: { roomId_userId: { roomId: code, userId } } });
  if (!member || member.leftAt) throw errors.forbidden("You are not a participant of this room");
  return room;
}

/** As requireParticipant, for actions: a closed room takes no more (410). */
export async function requireOpenParticipant(userId: string, code: string): Promise<Room> {
  const room = await requireParticipant(userId, code);
  if (!room.isOpen) throw errors.gone("This room is closed");
  return room;
}

/** Mode, controls, closing and moderation are the host's. */
export function requireHost(room: Room, userId: string): void {
  if (room.hostId !== userId) throw errors.forbidden("Only the host can do this");
}

/** Photos and the video follow the room's `controls`: everyone, or the host only. */
export function requireControl(room: Room, userId: string): void {
  if (room.controls === "host" && room.hostId !== userId) throw errors.forbidden("Only the host controls this room");
}

/**
 * Who may join a room, beyond "anyone with the code": another domain that attaches rooms to its
 * own things (meetings) says so here. A policy throws an ApiError to refuse and returns to let
 * the default rules decide. `membership` is the user's participant row, also when they left
 * (`leftAt` set): "was ever in this room" is a common condition.
 */
export type RoomAccessPolicy = (request: { room: Room; userId: string; membership: RoomParticipant | null }) => Promise<void>;

// On globalThis, keyed by name: the custom server and Next's bundle each load the domains (as
// onAccountDeleted does), and a join on either graph must see every registered policy.
declare module "@/lib/system/singleton" {
  interface ProcessSingletons {
    roomAccessPolicies: Map<string, RoomAccessPolicy>;
  }
}
const accessPolicies = singleton("roomAccessPolicies", () => new Map());

export function registerRoomAccessPolicy(name: string, policy: RoomAccessPolicy): void {
  accessPolicies.set(name, policy);
}

/** Every registered policy must let the user in (joinRoom in ./service.ts). */
export async function checkAccessPolicies(request: Parameters<RoomAccessPolicy>[0]): Promise<void> {
  for (const policy of accessPolicies.values()) await policy(request);
}
