import "server-only";
import { getIo, NAMESPACES, socketsIn, userRoom } from "@/lib/realtime/registry";
import type { SocketData } from "@/lib/realtime/types";

/** The Socket.IO room of a Mem2gether room, the same name on every namespace. */
export const roomChannel = (code: string) => `room:${code}`;

type RoomNamespace = "/rooms" | "/photos" | "/youtube" | "/reactions";

export function emitToRoom(ns: RoomNamespace, code: string, event: string, payload: unknown): void {
  getIo()?.of(ns).to(roomChannel(code)).emit(event, payload);
}

/** Users with a live /rooms socket in the room, on any node. */
export async function onlineUserIds(code: string): Promise<Set<string>> {
  const sockets = await socketsIn("/rooms", roomChannel(code));
  return new Set(sockets.map((s) => (s.data as SocketData).user.id));
}

/** Tell every namespace, then take every socket out of the room (closing, or a user leaving for good). */
export function evictFromRoom(code: string, userId?: string): void {
  const io = getIo();
  if (!io) return;
  for (const ns of NAMESPACES) {
    if (ns === "/chat") continue;
    // in(a).in(b) would be a union: select the user's sockets and take them out of this room only.
    const target = userId ? io.of(ns).in(userRoom(userId)) : io.of(ns).in(roomChannel(code));
    target.socketsLeave(roomChannel(code));
  }
}

declare module "@/lib/events/bus" {
  interface DomainEvents {
    /** A room chat message removed by an administrator (lib/rooms/moderation.ts). */
    "rooms.message_deleted": { roomId: string; id: string };
  }
}
