import "server-only";
import { subscribe } from "@/lib/events/bus";
import { db, sql } from "@/lib/db/prisma";
import { presentRoom } from "@/lib/rooms/present";
import { anyWebhookFor } from "./hooked";
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
    // Every channel message passes here: most of the time no webhook listens for it, which this
    // node knows without asking the database (./hooked.ts); otherwise one prepared statement.
    subscribe("chat.message_created", async ({ to, payload }) => {
      if (!("channelId" in to) || !(await anyWebhookFor("message.created"))) return;
      const [channel] = await sql<{ id: string; slug: string; name: string; type: string; owner_id: string | null }>(
        "select id, slug, name, type, owner_id from channels where id = $1",
        [to.channelId],
      );
      if (channel?.type !== "course") return;
      await dispatch("message.created", [channel.owner_id], {
        channel: { id: channel.id, slug: channel.slug, name: channel.name, type: channel.type, owner_id: channel.owner_id },
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
