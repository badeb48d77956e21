import "server-only";
import { subscribe, type DomainEvents } from "@/lib/events/bus";
import type { RoomBroadcast, RoomBroadcasts } from "@/lib/rooms/events";
import type { RoomPresence } from "@/lib/rooms/ports";
import { getIo, NAMESPACES, roomChannel, socketsIn, userRoom } from "../registry";

type RoomNamespace = "/rooms" | "/photos" | "/youtube" | "/reactions";
const ROOM_NAMESPACES: RoomNamespace[] = ["/rooms", "/photos", "/youtube", "/reactions"];

/** Where each room broadcast goes (a missing one fails the typecheck). */
const NAMESPACE_OF: Record<RoomBroadcast, RoomNamespace> = {
  participants: "/rooms",
  message_created: "/rooms",
  mode_changed: "/rooms",
  controls_changed: "/rooms",
  note_created: "/rooms",
  note_deleted: "/rooms",
  message_deleted: "/rooms",
  host_changed: "/rooms",
  photos_state: "/photos",
  youtube_state: "/youtube",
  reaction: "/reactions",
};

function relay<E extends RoomBroadcast>(event: E): () => void {
  return subscribe(`rooms.${event}`, (e: DomainEvents[`rooms.${E}`]) => {
    const { roomId, payload } = e as { roomId: string; payload: RoomBroadcasts[E] };
    getIo()?.of(NAMESPACE_OF[event]).to(roomChannel(roomId)).emit(event, payload);
  });
}

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
  const stops = (Object.keys(NAMESPACE_OF) as RoomBroadcast[]).map(relay);
  stops.push(
    subscribe("rooms.participant_left", ({ roomId, userId }) => evictFromRoom(roomId, userId)),
    subscribe("rooms.closed", ({ roomId }) => {
      for (const ns of ROOM_NAMESPACES) getIo()?.of(ns).to(roomChannel(roomId)).emit("room_closed", { room_id: roomId });
      evictFromRoom(roomId);
    }),
  );
  return () => stops.forEach((stop) => stop());
}

/** The rooms domain's question to the socket layer (lib/rooms/ports.ts). */
export const roomPresence: RoomPresence = {
  async onlineUserIds(code) {
    const sockets = await socketsIn("/rooms", roomChannel(code));
    return new Set(sockets.map((s) => s.data.user.id));
  },
};
