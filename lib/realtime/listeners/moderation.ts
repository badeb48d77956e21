import "server-only";
import { subscribe } from "@/lib/events/bus";
import { roomChannel } from "@/lib/rooms/events";
import { getIo } from "../registry";

/** Moderation outcomes that open pages must see: a removed room chat message leaves every node's sockets. */
export function registerModerationListeners(): () => void {
  return subscribe("rooms.message_deleted", ({ roomId, id }) => {
    getIo()?.of("/rooms").to(roomChannel(roomId)).emit("message_deleted", { room_id: roomId, id });
  });
}
