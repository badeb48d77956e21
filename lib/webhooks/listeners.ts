import "server-only";
import { subscribe } from "@/lib/events/bus";
import { db } from "@/lib/db/prisma";
import { presentRoom } from "@/lib/rooms/present";
import { dispatch } from "./service";

// Domain events to webhook events (docs/webhooks.md "Events"). The domains know nothing of
// webhooks: lib/app/compose.ts subscribes these. Each handler is asynchronous (the bus reports a
// failure); the deliveries it stores are then sent by the job queue.

/** Subscribe; returns what unsubscribes. */
export function registerWebhookListeners(): () => void {
  const stops = [
    subscribe("meetings.started", ({ instructorId, meeting }) => dispatch("meeting.started", [instructorId], { meeting })),
    subscribe("meetings.ended", async ({ instructorId, meeting, attendance }) => {
      await dispatch("meeting.ended", [instructorId], { meeting });
      await dispatch("attendance.ready", [instructorId], attendance);
    }),
    // A course channel's messages (timeline and thread replies); other channels and direct
    // messages never leave through webhooks.
    subscribe("chat.message_created", async ({ to, payload }) => {
      if (!("channelId" in to)) return;
      const channel = await db().channel.findUnique({
        where: { id: to.channelId },
        select: { id: true, slug: true, name: true, type: true, ownerId: true },
      });
      if (channel?.type !== "course") return;
      await dispatch("message.created", [channel.ownerId], {
        channel: { id: channel.id, slug: channel.slug, name: channel.name, type: channel.type, owner_id: channel.ownerId },
        message: payload,
      });
    }),
    // Heard by the room's host and, for a meeting's room, the meeting's instructor.
    subscribe("rooms.closed", async ({ roomId }) => {
      const room = await db().room.findUnique({
        where: { id: roomId },
        include: { meeting: { select: { id: true, instructorId: true } } },
      });
      if (!room) return;
      await dispatch("room.closed", [room.hostId, room.meeting?.instructorId], {
        room: presentRoom(room),
        meeting_id: room.meeting?.id ?? null,
      });
    }),
  ];
  return () => stops.forEach((stop) => stop());
}
