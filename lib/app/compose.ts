import "server-only";
import { chatAttachmentAccess } from "@/lib/chat/attachments";
import { registerAccountJobs } from "@/lib/accounts/jobs";
import { env } from "@/lib/env.mjs";
import { startPresenceSweeper } from "@/lib/chat/presence";
import { onListenerError } from "@/lib/events/bus";
import { startJobs } from "@/lib/jobs/worker";
import { logger } from "@/lib/log/logger";
import { breakoutRoomAccess } from "@/lib/meetings/breakout-rooms";
import { meetingRoomAccess } from "@/lib/meetings/room";
import { registerAccountListeners } from "@/lib/realtime/listeners/accounts";
import { registerChatListeners } from "@/lib/realtime/listeners/chat";
import { registerMeetingListeners } from "@/lib/realtime/listeners/meetings";
import { registerRoomListeners, roomPresence } from "@/lib/realtime/listeners/rooms";
import { roomPhotoAccess } from "@/lib/rooms/photos";
import { provideRoomPresence } from "@/lib/rooms/ports";
import { registerRoomAccessPolicy } from "@/lib/rooms/access";
import { registerUploadAccessRule } from "@/lib/uploads/service";
import { registerMailJobs } from "@/lib/mail/jobs";
import { registerMeetingJobs } from "@/lib/meetings/jobs";
import { registerMeetingMailJobs, registerMeetingMailListeners } from "@/lib/meetings/mail";
import { registerUploadJobs } from "@/lib/uploads/jobs";
import { registerClassRoomListeners } from "@/lib/realtime/listeners/class-room";
import { banPolicy } from "@/lib/rooms/moderation";
import { registerWebhookJobs } from "@/lib/webhooks/jobs";
import { registerWebhookListeners } from "@/lib/webhooks/listeners";

// The one composition root: server.ts calls composeApp() once, after the database and the
// Socket.IO server exist and before it listens. Every domain hook, event listener, port and
// background task is registered here, explicitly and in a visible order; no module registers
// itself when imported.
//
// What is registered lives in process-wide registries (lib/system/singleton.ts): the route
// handlers run in Next's own module graph in this same process and see it. No route can run
// before this: server.ts composes before it listens.

export interface AppServices {
  /** Stop what composeApp started (timers, workers), before the server closes. */
  stop(): Promise<void>;
}

export interface ComposeOptions {
  /** The database the job queue runs on (the app's own). */
  databaseUrl: string;
}

export async function composeApp(options: ComposeOptions): Promise<AppServices> {
  const log = logger.child({ component: "app" });
  onListenerError((event, err) => log.error({ err, event }, "event listener failed"));
  const stops: (() => void | Promise<void>)[] = [];

  // Who may see or join what, beyond each domain's own rules.
  registerUploadAccessRule("chat", chatAttachmentAccess);
  registerUploadAccessRule("room-photos", roomPhotoAccess);
  registerRoomAccessPolicy("meetings", meetingRoomAccess);
  registerRoomAccessPolicy("meeting-breakouts", breakoutRoomAccess);
  registerRoomAccessPolicy("moderation", banPolicy);

  // The questions domains ask the socket layer (ports), answered by lib/realtime.
  provideRoomPresence(roomPresence);

  // Who hears what: domain events to sockets. Synchronous, in publish order (lib/events/bus.ts).
  stops.push(registerAccountListeners(), registerChatListeners(), registerRoomListeners(), registerMeetingListeners());
  stops.push(registerClassRoomListeners());
  // Domain events to mail (queued jobs: a mail never slows or fails the change).
  stops.push(registerMeetingMailListeners());
  // Integrators: domain events to signed webhook deliveries (lib/webhooks).
  stops.push(registerWebhookListeners());

  // Background jobs: declared first, then one worker per node runs them (lib/jobs/worker.ts).
  registerMailJobs();
  registerAccountJobs();
  registerMeetingJobs();
  registerMeetingMailJobs();
  registerWebhookJobs();
  registerUploadJobs(env().UPLOAD_CLEANUP_SCHEDULE);
  stops.push(await startJobs({ databaseUrl: options.databaseUrl, concurrency: env().JOB_CONCURRENCY }));
  // Users whose presence grace ran out (or whose node died) are announced offline from here.
  stops.push(startPresenceSweeper());

  return {
    async stop() {
      for (const stop of stops.reverse()) await stop();
    },
  };
}
