import "server-only";
import type { Prisma } from "@prisma/client";
import { db } from "@/lib/db/prisma";
import { errors } from "@/lib/http/errors";
import { logger } from "@/lib/log/logger";
import type { RoomAccessPolicy } from "@/lib/rooms/access";
import { closeRoomFor, removeFromRoom } from "@/lib/rooms/service";
import { breakoutAssigned } from "./events";
import type { FullMeeting } from "./present";

// The rooms of breakout groups: who may enter one (a policy registered by lib/app/compose.ts, as
// the meeting's own room's), and closing them when the groups end. Kept apart from
// ./breakouts.ts so the meeting's end (./service.ts) can end its groups without an import cycle.

/**
 * A group's room admits the meeting's instructor, and the group's students while the group runs
 * and they are still invited. Ended groups' rooms are closed (the rooms domain answers 410).
 */
export const breakoutRoomAccess: RoomAccessPolicy = async ({ room, userId }) => {
  const group = await db().meetingBreakout.findUnique({
    where: { roomId: room.id },
    select: {
      studentIds: true,
      endedAt: true,
      meeting: { select: { instructorId: true, participants: { where: { studentId: userId, removedAt: null }, select: { id: true } } } },
    },
  });
  if (!group || group.meeting.instructorId === userId) return;
  if (!group.studentIds.includes(userId) || !group.meeting.participants.length)
    throw errors.forbidden("Only this breakout group's students and the instructor can join its room");
  if (group.endedAt) throw errors.gone("This breakout group has ended");
};

/**
 * Ends the meeting's running groups inside its locked transaction; the returned step runs after
 * the commit: their rooms close and their students hear they are back in the main meeting.
 */
export async function closeRunningBreakouts(tx: Prisma.TransactionClient, m: FullMeeting, now: Date): Promise<() => Promise<number>> {
  const running = m.breakouts.filter((b) => b.endedAt === null);
  if (running.length) await tx.meetingBreakout.updateMany({ where: { id: { in: running.map((b) => b.id) } }, data: { endedAt: now } });
  return async () => {
    for (const b of running) {
      if (!b.roomId) continue;
      await closeRoomFor(b.roomId).catch((err: unknown) =>
        logger.warn({ err, roomId: b.roomId }, "breakouts: could not close a group's room"),
      );
    }
    const students = running.flatMap((b) => b.studentIds);
    if (students.length)
      breakoutAssigned(
        m.id,
        students.map((userId) => ({ userId, breakout: null })),
      );
    return running.length;
  };
}

/**
 * Students taken off a meeting while its groups run leave their group too (inside the meeting's
 * locked transaction), so the group's list, its room and the register agree; the returned step
 * runs after the commit: they lose the group's room and hear they have no group any more.
 */
export async function dropFromRunningBreakouts(
  tx: Prisma.TransactionClient,
  m: FullMeeting,
  studentIds: string[],
): Promise<() => Promise<void>> {
  const gone = new Set(studentIds);
  const touched = m.breakouts.filter((b) => b.endedAt === null && b.studentIds.some((s) => gone.has(s)));
  for (const b of touched)
    await tx.meetingBreakout.update({ where: { id: b.id }, data: { studentIds: b.studentIds.filter((s) => !gone.has(s)) } });
  return async () => {
    const dropped: string[] = [];
    for (const b of touched)
      for (const userId of b.studentIds.filter((s) => gone.has(s))) {
        dropped.push(userId);
        if (b.roomId)
          await removeFromRoom(b.roomId, userId).catch((err: unknown) =>
            logger.warn({ err, roomId: b.roomId, userId }, "breakouts: could not take a removed student out of a group's room"),
          );
      }
    if (dropped.length)
      breakoutAssigned(
        m.id,
        dropped.map((userId) => ({ userId, breakout: null })),
      );
  };
}
