import "server-only";
import { peekSingleton, setSingleton } from "@/lib/system/singleton";

/**
 * What the rooms domain asks the socket layer. The domain declares it; lib/realtime implements
 * it and the composition root (lib/app/compose.ts) plugs it in, process-wide (route handlers run
 * in Next's module graph). Before composeApp nobody can be connected: the answer is "nobody".
 */
export interface RoomPresence {
  /** Users with a live /rooms socket in the room, on any node. */
  onlineUserIds(roomId: string): Promise<Set<string>>;
}

declare module "@/lib/system/singleton" {
  interface ProcessSingletons {
    roomPresence: RoomPresence;
  }
}

export function provideRoomPresence(port: RoomPresence): void {
  setSingleton("roomPresence", port);
}

export function onlineUserIds(roomId: string): Promise<Set<string>> {
  return peekSingleton("roomPresence")?.onlineUserIds(roomId) ?? Promise.resolve(new Set());
}
