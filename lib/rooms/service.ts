import "server-only";
import { randomInt } from "node:crypto";
import type { Prisma, Room, RoomControls, RoomMode, RoomParticipant } from "@prisma/client";
import { userSummary, userSummarySelect } from "@/lib/accounts/present";
import { db } from "@/lib/db/prisma";
import { isUniqueViolation } from "@/lib/db/errors";
import { decodeCursor, encodeCursor } from "@/lib/http/cursor";
import { errors } from "@/lib/http/errors";
import { limitAction } from "@/lib/rate-limit";
import { emitToRoom } from "./events";
import { publish } from "@/lib/events/bus";
import { onlineUserIds } from "./ports";
import { insertRoomMessage } from "./message-store";
import { presentMessage, presentRoom, presentVideoState, videoStateOf } from "./present";
import { queueSnapshot } from "./queue-snapshot";
import { assertMaySend } from "./send-policy";
import type { ParticipantJson } from "./schemas";
import { applyVideoAction, positionAt, type VideoAction } from "./youtube-state";
import { singleton } from "@/lib/system/singleton";

const CODE_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
export const HISTORY_ON_JOIN = 50;

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

async function findRoom(code: string): Promise<Room> {
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

function requireHost(room: Room, userId: string): void {
  if (room.hostId !== userId) throw errors.forbidden("Only the host can do this");
}

/** Photos and the video follow the room's `controls`: everyone, or the host only. */
export function requireControl(room: Room, userId: string): void {
  if (room.controls === "host" && room.hostId !== userId) throw errors.forbidden("Only the host controls this room");
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

export async function recentMessages(code: string, take = HISTORY_ON_JOIN) {
  const rows = await db().roomMessage.findMany({
    where: { roomId: code },
    orderBy: { createdAt: "desc" },
    take,
    include: { author: true },
  });
  return rows.reverse().map(presentMessage);
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

/**
 * Join by code: anyone who has the code may join an open room, unless a registered access policy
 * refuses. Re-joining after leaving counts as a new arrival. A room left without a host gets the
 * newcomer as host.
 */
export async function joinRoom(userId: string, code: string): Promise<Room> {
  const room = await findRoom(code);
  if (!room.isOpen) throw errors.gone("This room is closed");
  const existing = await db().roomParticipant.findUnique({ where: { roomId_userId: { roomId: code, userId } } });
  for (const policy of accessPolicies.values()) await policy({ room, userId, membership: existing });
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
  if (hostId) emitToRoom(code, "host_changed", { room_id: code, host_id: hostId });
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

/**
 * Persist, then broadcast: every acknowledged message is in the database. A resend with the
 * same client_id returns the stored message without a second row or broadcast.
 * `joined`: the caller's socket is in the room's channel, which proves membership of an open
 * room (joining checks it; leaving and closing take sockets out), so the hot path skips the
 * two lookups.
 */
export async function sendRoomMessage(userId: string, code: string, content: string, clientId?: string, joined = false) {
  if (!joined) await requireOpenParticipant(userId, code);
  const storedBefore = () =>
    db().roomMessage.findUnique({
      where: { roomId_authorId_clientId: { roomId: code, authorId: userId, clientId: clientId! } },
      include: { author: { select: userSummarySelect } },
    });
  try {
    await assertMaySend(userId, code, { slowMode: true });
    await limitAction("message", userId);
  } catch (refusal) {
    // A retry of a message already stored (its ack was lost) is not a new send: it gets its
    // ack again, not the slow mode, mute or rate limit its own first send brought on. Looked up
    // only on a refusal, so sends that go through pay nothing for it.
    const existing = clientId ? await storedBefore() : null;
    if (existing) return presentMessage(existing);
    throw refusal;
  }
  const stored = await insertRoomMessage({ roomId: code, authorId: userId, content, clientId: clientId ?? null });
  if (stored) {
    const message = presentMessage(stored);
    emitToRoom(code, "message_created", { message });
    return message;
  }
  // The same client_id again (a retry after a lost ack): the stored message, once.
  const existing = await storedBefore();
  if (!existing) throw new Error("room message with this client_id neither stored nor found");
  return presentMessage(existing);
}

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

/**
 * History by cursor: `before` pages back (scrolling up), `after` catches up after a reconnect
 * that could not be recovered. Oldest first within the page either way.
 */
export async function roomMessagesPage(userId: string, code: string, page: { limit: number; before?: string; after?: string }) {
  await requireParticipant(userId, code);
  const where: Prisma.RoomMessageWhereInput = { roomId: code };
  if (page.before) {
    const c = decodeCursor(page.before, "before");
    where.OR = [{ createdAt: { lt: c.createdAt } }, { createdAt: c.createdAt, id: { lt: c.id } }];
  } else if (page.after) {
    const c = decodeCursor(page.after, "after");
    where.OR = [{ createdAt: { gt: c.createdAt } }, { createdAt: c.createdAt, id: { gt: c.id } }];
  }
  const backwards = !page.after;
  const rows = await db().roomMessage.findMany({
    where,
    orderBy: [{ createdAt: backwards ? "desc" : "asc" }, { id: backwards ? "desc" : "asc" }],
    take: page.limit + 1,
    include: { author: true },
  });
  const more = rows.length > page.limit;
  const pageRows = rows.slice(0, page.limit);
  if (backwards) pageRows.reverse();
  const edge = backwards ? pageRows[0] : pageRows.at(-1);
  return {
    messages: pageRows.map(presentMessage),
    next_cursor: more && edge ? encodeCursor(edge) : null,
    cursor: pageRows.at(-1) ? encodeCursor(pageRows.at(-1)!) : null,
  };
}
