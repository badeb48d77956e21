import "server-only";
import { subscribe } from "@/lib/events/bus";
import type { RoomPresence } from "@/lib/rooms/ports";
import { getIo, namespace, NAMESPACES, roomChannel, socketsIn, userRoom } from "../registry";

type RoomNamespace = "/rooms" | "/photos" | "/youtube" | "/reactions";
const ROOM_NAMESPACES: RoomNamespace[] = ["/rooms", "/photos", "/youtube", "/reactions"];

/** Take every socket (or one user's) out of the room on every room namespace. */
function evictFromRoom(code: string, userId?: string): void {
  const io = getIo();
  if (!io) return;
  for (const ns of NAMESPACES) {
    if (ns === "/chat") continue;
    // in(a).in(b) would be a union: select the user's sockets and take them out of this room only.
    const target = userId ? io.of(ns).in(userRoom(userId)) : io.of(ns).in(roomChannel(code));
    target.socketsLeave(roomChannel(code));
  }
}

/** The rooms domain's events, to the sockets in the room on the right namespace. */
export function registerRoomListeners(): () => void {
  const room = <N extends RoomNamespace>(ns: N, roomId: string) => namespace(ns)?.to(roomChannel(roomId));
  const stops = [
    subscribe("rooms.participants", ({ roomId, payload }) => room("/rooms", roomId)?.emit("participants", payload)),
    subscribe("rooms.message_created", ({ roomId, payload }) => room("/rooms", roomId)?.emit("message_created", payload)),
    subscribe("rooms.mode_changed", ({ roomId, payload }) => room("/rooms", roomId)?.emit("mode_changed", payload)),
    subscribe("rooms.controls_changed", ({ roomId, payload }) => room("/rooms", roomId)?.emit("controls_changed", payload)),
    subscribe("rooms.note_created", ({ roomId, payload }) => room("/rooms", roomId)?.emit("note_created", payload)),
    subscribe("rooms.note_deleted", ({ roomId, payload }) => room("/rooms", roomId)?.emit("note_deleted", payload)),
    subscribe("rooms.message_deleted", ({ roomId, payload }) => room("/rooms", roomId)?.emit("message_deleted", payload)),
    subscribe("rooms.host_changed", ({ roomId, payload }) => room("/rooms", roomId)?.emit("host_changed", payload)),
    subscribe("rooms.photos_state", ({ roomId, payload }) => room("/photos", roomId)?.emit("photos_state", payload)),
    subscribe("rooms.youtube_state", ({ roomId, payload }) => room("/youtube", roomId)?.emit("youtube_state", payload)),
    subscribe("rooms.reaction", ({ roomId, payload }) => room("/reactions", roomId)?.emit("reaction", payload)),
    subscribe("rooms.participant_left", ({ roomId, userId }) => evictFromRoom(roomId, userId)),
    subscribe("rooms.closed", ({ roomId }) => {
      for (const ns of ROOM_NAMESPACES) room(ns, roomId)?.emit("room_closed", { room_id: roomId });
      evictFromRoom(roomId);
    }),
  ];
  return () => stops.forEach((stop) => stop());
}

/** The rooms domain's question to the socket layer (lib/rooms/ports.ts). */
export const roomPresence: RoomPresence = {
  async onlineUserIds(code) {
    const sockets = await socketsIn("/rooms", roomChannel(code));
    return new Set(sockets.map((s) => s.data.user.id));
  },
};
