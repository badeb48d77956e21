import "server-only";
import { onListenerError } from "@/lib/events/bus";
import { logger } from "@/lib/log/logger";
import { registerClassRoomListeners } from "@/lib/realtime/listeners/class-room";
import { banPolicy } from "@/lib/rooms/moderation";
import { registerRoomAccessPolicy } from "@/lib/rooms/service";

// The one composition root: server.ts calls composeApp() once, after the database and the
// Socket.IO server exist. Every domain hook, event listener and background task is registered
// here, explicitly and in a visible order; no module registers itself when imported.

export interface AppServices {
  /** Stop what composeApp started (timers, workers), before the server closes. */
  stop(): Promise<void>;
}

export async function composeApp(): Promise<AppServices> {
  const log = logger.child({ component: "app" });
  onListenerError((event, err) => log.error({ err, event }, "event listener failed"));
  const stops: (() => void | Promise<void>)[] = [];
  // rooms: class interaction (polls, questions, hands, moderation, the video queue)
  registerRoomAccessPolicy("moderation", banPolicy);
  stops.push(registerClassRoomListeners());
  return {
    async stop() {
      for (const stop of stops.reverse()) await stop();
    },
  };
}
