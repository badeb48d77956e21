import "server-only";
import type { MeetingStatus } from "@prisma/client";
import { db } from "@/lib/db/prisma";
import { errors } from "@/lib/http/errors";
import { logger } from "@/lib/log/logger";
import { meetingLink } from "./present";
import type { RoomMeeting } from "./schemas";
import { type RoomAccessPolicy } from "@/lib/rooms/access";
import { broadcastParticipants, createRoom, discardRoom, joinRoom, removeFromRoom, renameRoom } from "@/lib/rooms/service";

// Every meeting has a companion Mem2gether room for its notes and chat. The rooms domain owns
// rooms; this module says who may enter a meeting's room (one policy, registered with the rooms
// domain by lib/app/compose.ts and consulted by every join, HTTP or socket) and keeps the room in step with the meeting.

/** Rooms take names of up to 80 characters; meeting titles up to 200. */
const ROOM_NAME_MAX = 80;
const roomName = (title: string) => Array.from(title).slice(0, ROOM_NAME_MAX).join("").trim();

/**
 * - the instructor: any time;
 * - a current invitee: while the meeting is ongoing, and afterwards if they were in the room
 *   (its notes and chat stay with those who were there);
 * - anyone else (students taken off the list included): never.
 */
export const meetingRoomAccess: RoomAccessPolicy = async ({ room, userId, membership }) => {
  const meeting = await db().meeting.findUnique({
    where: { roomId: room.id },
    select: { instructorId: true, status: true, participants: { where: { studentId: userId }, select: { removedAt: true } } },
  });
  if (!meeting || meeting.instructorId === userId) return;
  const invitee = meeting.participants[0];
  if (!invitee || invitee.removedAt)
    throw errors.forbidden("Only the instructor and the students invited to this meeting can join its room");
  if (meeting.status === "ongoing" || membership) return;
  const reasons: Record<Exclude<MeetingStatus, "ongoing">, () => Error> = {
    scheduled: () => errors.conflict("This meeting's room opens when the meeting starts"),
    completed: () => errors.forbidden("This meeting is over: its room stays open to those who were in it"),
    cancelled: () => errors.forbidden("This meeting was cancelled"),
  };
  throw reasons[meeting.status]();
};

/** The room of a new meeting, hosted by its instructor. `save` stores the meeting; if it fails the room goes too. */
export async function withNewMeetingRoom<T>(instructorId: string, title: string, save: (roomId: string) => Promise<T>): Promise<T> {
  const room = await createRoom(instructorId, roomName(title));
  try {
    return await save(room.id);
  } catch (err) {
    await discardRoom(room.id).catch(() => {});
    throw err;
  }
}

export async function renameMeetingRoom(roomId: string | null, title: string): Promise<void> {
  if (roomId) await renameRoom(roomId, roomName(title));
}

/** Students taken off the meeting lose its room as well. */
export async function removeFromMeetingRoom(roomId: string | null, studentIds: string[]): Promise<void> {
  if (!roomId) return;
  for (const id of studentIds) await removeFromRoom(roomId, id);
}

/**
 * Joining the meeting enters its room too, so "who was in the meeting" and "who keeps its notes"
 * are the same people. The meeting join has happened by then: a room problem (closed by its host)
 * is logged, not turned into a failed join.
 */
export async function enterMeetingRoom(roomId: string | null, userId: string): Promise<void> {
  if (!roomId) return;
  try {
    await joinRoom(userId, roomId);
    await broadcastParticipants(roomId);
  } catch (err) {
    logger.warn({ err, roomId, userId }, "meeting join: could not enter the companion room");
  }
}

/**
 * The meeting a room belongs to, for its room page, when the user may read that meeting (its
 * instructor or a current invitee); null for ordinary rooms and anyone else.
 */
export async function meetingOfRoom(roomId: string, userId: string): Promise<RoomMeeting | null> {
  const m = await db().meeting.findUnique({
    where: { roomId },
    select: {
      id: true,
      title: true,
      status: true,
      meetingId: true,
      instructorId: true,
      participants: { where: { studentId: userId, removedAt: null }, select: { joinedAt: true, leftAt: true } },
    },
  });
  if (!m) return null;
  const owner = m.instructorId === userId;
  const invitee = m.participants[0];
  if (!owner && !invitee) return null;
  return {
    id: m.id,
    title: m.title,
    status: m.status,
    meeting_link: meetingLink(m.meetingId),
    is_owner: owner,
    in_meeting: m.status === "ongoing" && !!invitee?.joinedAt && !invitee.leftAt,
  };
}
