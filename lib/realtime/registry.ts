import type { Server } from "socket.io";
import { peekSingleton, setSingleton } from "@/lib/system/singleton";

// server.ts creates the Socket.IO server; route handlers live in Next's own module graph in the
// same process. globalThis is the one thing both graphs share.
declare module "@/lib/system/singleton" {
  interface ProcessSingletons {
    io: Server;
  }
}

export const NAMESPACES = ["/rooms", "/photos", "/youtube", "/reactions", "/chat"] as const;
export type NamespaceName = (typeof NAMESPACES)[number];

export function setIo(io: Server | undefined): void {
  setSingleton("io", io);
}

export function getIo(): Server | undefined {
  return peekSingleton("io");
}

export const userRoom = (userId: string) => `user:${userId}`;
/** Sockets that opened a channel (join_channel) get its live messages, edits, typing. */
export const channelRoom = (channelId: string) => `channel:${channelId}`;
/** The Socket.IO room of a Mem2gether room, the same name on every namespace. */
export const roomChannel = (code: string) => `room:${code}`;

/** Close every socket of a user, on every namespace and (through the adapter) every node. */
export function disconnectUser(userId: string): void {
  const io = getIo();
  if (!io) return;
  for (const ns of NAMESPACES) io.of(ns).in(userRoom(userId)).disconnectSockets(true);
}

/**
 * Sockets in `room` on every node; while the cluster bus (Redis) is unreachable, this node's
 * own, so callers degrade instead of failing.
 */
export async function socketsIn(ns: NamespaceName, room: string) {
  const io = getIo();
  if (!io) return [];
  try {
    return await io.of(ns).in(room).fetchSockets();
  } catch {
    return io.of(ns).local.in(room).fetchSockets();
  }
}
