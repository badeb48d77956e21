import "server-only";
import { roomChannel } from "./registry";
import type { Namespace, Socket } from "socket.io";
import { react, reactionTimeline } from "@/lib/rooms/reactions";
import { React, RoomRef } from "@/lib/rooms/schemas";
import { requireOpenParticipant } from "@/lib/rooms/service";
import { onEvent } from "./handler";
import type { ReactionsClientEvents, ReactionsServerEvents, SocketData } from "./types";

type ReactionsSocket = Socket<ReactionsClientEvents, ReactionsServerEvents, never, SocketData>;

/** `/reactions`: emoji bursts, at most 5 a second per user, broadcast per room in ticks. */
export function attachReactions(nsp: Namespace): void {
  nsp.on("connection", (raw) => {
    const socket = raw as unknown as ReactionsSocket;
    const s = socket as never;
    onEvent(s, "join_room", RoomRef, async ({ room_id }, { user }) => {
      await requireOpenParticipant(user.id, room_id);
      await socket.join(roomChannel(room_id));
      return { timeline: await reactionTimeline(user.id, room_id) };
    });
    onEvent(s, "react", React, async ({ room_id, emoji }, { user }) => ({
      reaction: await react(user.id, room_id, emoji, socket.rooms.has(roomChannel(room_id))),
    }));
  });
}
