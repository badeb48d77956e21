import "server-only";
import { ApiError } from "@/lib/http/errors";
import { listNotes } from "./notes";
import { presentRoom } from "./present";
import { listParticipants } from "./service";
import { requireParticipant } from "./access";
import { roomMessagesPage } from "./messages";

/** Messages a closed room's page shows first; older ones page in from GET /api/rooms/{id}/messages. */
export const CLOSED_HISTORY_PAGE = 50;

/**
 * A closed room, read-only, for the people who were in it when it closed (its participants: the
 * same rule as GET /api/rooms/{id}, /messages and /api/notes, which keep answering after the
 * close). Null for anyone else; joining stays refused (410).
 */
export async function closedRoomHistory(userId: string, code: string) {
  try {
    const room = await requireParticipant(userId, code);
    const [participants, page, notes] = await Promise.all([
      listParticipants(code, room.hostId),
      roomMessagesPage(userId, code, { limit: CLOSED_HISTORY_PAGE }),
      listNotes(userId, code),
    ]);
    return { room: presentRoom(room), participants, messages: page.messages, next_cursor: page.next_cursor, notes };
  } catch (err) {
    if (err instanceof ApiError && err.code === "FORBIDDEN") return null;
    throw err;
  }
}

export type ClosedRoomHistory = NonNullable<Awaited<ReturnType<typeof closedRoomHistory>>>;
