import "server-only";
import { startPresenceSweeper } from "@/lib/chat/presence";
import { onListenerError } from "@/lib/events/bus";
import { logger } from "@/lib/log/logger";

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
  // Users whose presence grace ran out (or whose node died) are announced offline from here.
  stops.push(startPresenceSweeper());
  return {
    async stop() {
      for (const stop of stops.reverse()) await stop();
    },
  };
}
