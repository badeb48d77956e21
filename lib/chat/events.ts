import "server-only";
import { getIo, userRoom } from "@/lib/realtime/registry";

// Every /chat broadcast goes through here, so HTTP and socket paths reach the same sockets (on
// every node, through the adapter).

/** Sockets that opened a channel (join_channel) get its live messages, edits, typing. */
export const channelRoom = (channelId: string) => `channel:${channelId}`;

const chat = () => getIo()?.of("/chat");

export function emitToChannel(channelId: string, event: string, payload: unknown, exceptUserId?: string): void {
  const nsp = chat();
  if (!nsp) return;
  const target = nsp.to(channelRoom(channelId));
  (exceptUserId ? target.except(userRoom(exceptUserId)) : target).emit(event, payload);
}

/** Every socket of these users. An empty list reaches nobody (Socket.IO would broadcast to all). */
export function emitToUsers(userIds: Iterable<string>, event: string, payload: unknown): void {
  const rooms = [...new Set(userIds)].map(userRoom);
  const nsp = chat();
  if (!nsp || rooms.length === 0) return;
  nsp.to(rooms).emit(event, payload);
}

/** Take a user's sockets out of a channel's live events (leaving, or losing access). */
export function unsubscribeUser(userId: string, channelId: string): void {
  chat()?.in(userRoom(userId)).socketsLeave(channelRoom(channelId));
}
