import "server-only";
import { roomChannel, type AppNamespace } from "./registry";
import { react, reactionTimeline } from "@/lib/rooms/reactions";
import { React, RoomRef } from "@/lib/rooms/schemas";
import { requireOpenParticipant } from "@/lib/rooms/access";
import { onEvent } from "./handler";

/** `/reactions`: emoji bursts, at most 5 a second per user, broadcast per room in ticks. */
export function attachReactions(nsp: AppNamespace<"/reactions">): void {
  nsp.on("connection", (socket) => {
    onEvent(socket, "join_room", RoomRef, async ({ room_id }, { user }) => {
      await requireOpenParticipant(user.id, room_id);
      await socket.join(roomChannel(room_id));
      return { timeline: await reactionTimeline(user.id, room_id) };
    });
    onEvent(socket, "react", React, async ({ room_id, emoji }, { user }) => ({
      reaction: await react(user.id, room_id, emoji, socket.rooms.has(roomChannel(room_id))),
    }));
  });
}
