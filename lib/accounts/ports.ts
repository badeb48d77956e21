import "server-only";
import { peekSingleton, setSingleton } from "@/lib/system/singleton";

/**
 * What the accounts domain asks the socket layer. The domain declares it; lib/realtime implements
 * it and the composition root (lib/app/compose.ts) plugs it in, process-wide (route handlers run
 * in Next's module graph). Before composeApp nobody can be connected: the answer is "offline".
 */
export interface OnlineStatus {
  /** Whether the user has a live /chat socket anywhere (every app page keeps one open). */
  isOnline(userId: string): Promise<boolean>;
}

declare module "@/lib/system/singleton" {
  interface ProcessSingletons {
    onlineStatus: OnlineStatus;
  }
}

export function provideOnlineStatus(port: OnlineStatus): void {
  setSingleton("onlineStatus", port);
}

export function isOnline(userId: string): Promise<boolean> {
  return peekSingleton("onlineStatus")?.isOnline(userId) ?? Promise.resolve(false);
}
