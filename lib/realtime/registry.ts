import type { Namespace, Server, Socket } from "socket.io";
import { NAMESPACES, type ClientEvents, type InterServerEvents, type NamespaceName, type ServerEvents } from "./contract";
import type { SocketData } from "./types";
import { peekSingleton, setSingleton } from "@/lib/system/singleton";

// server.ts creates the Socket.IO server; route handlers live in Next's own module graph in the
// same process. globalThis is the one thing both graphs share.
declare module "@/lib/system/singleton" {
  interface ProcessSingletons {
    io: AppServer;
  }
}

export { NAMESPACES, type NamespaceName };

/**
 * The Socket.IO server. Its own event maps would type the main namespace ("/"), which the app
 * does not use; each namespace gets its contract's maps through `namespace()`.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Untyped = Record<string, (...args: any[]) => void>;
export type AppServer = Server<Untyped, Untyped, InterServerEvents, SocketData>;
export type AppNamespace<N extends NamespaceName> = Namespace<ClientEvents<N>, ServerEvents<N>, InterServerEvents, SocketData>;
export type AppSocket<N extends NamespaceName> = Socket<ClientEvents<N>, ServerEvents<N>, InterServerEvents, SocketData>;

/** A namespace with its contract's types (lib/realtime/contract.ts). */
export function namespaceOf<N extends NamespaceName>(io: AppServer, name: N): AppNamespace<N> {
  return io.of(name) as AppNamespace<N>;
}

/** The running server's namespace, or undefined before server.ts created it. */
export function namespace<N extends NamespaceName>(name: N): AppNamespace<N> | undefined {
  const io = getIo();
  return io && namespaceOf(io, name);
}

export function setIo(io: AppServer | undefined): void {
  setSingleton("io", io);
}

export function getIo(): AppServer | undefined {
  return peekSingleton("io");
}

export const userRoom = (userId: string) => `user:${userId}`;
/** The sockets a personal access token opened. */
export const apiTokenRoom = (tokenId: string) => `api-token:${tokenId}`;

/** Close the sockets a personal access token opened, on every namespace and node. */
export function disconnectApiToken(tokenId: string): void {
  const io = getIo();
  if (!io) return;
  for (const ns of NAMESPACES) io.of(ns).in(apiTokenRoom(tokenId)).disconnectSockets(true);
}
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
