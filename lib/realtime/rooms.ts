import "server-only";
import { roomChannel } from "./registry";
import type { Namespace, Socket } from "socket.io";
import { listNotes } from "@/lib/rooms/notes";
import { presentRoom } from "@/lib/rooms/present";
import { RoomRef, SendRoomMessage, SetControls, SetMode } from "@/lib/rooms/schemas";
import {
  broadcastParticipants,
  closeRoom,
  joinRoom,
  leaveRoom,
  listParticipants,
  recentMessages,
  sendRoomMessage,
  setControls,
  setMode,
} from "@/lib/rooms/service";
import { onEvent } from "./handler";
import type { RoomsClientEvents, RoomsServerEvents, SocketData } from "./types";

type RoomsSocket = Socket<RoomsClientEvents, RoomsServerEvents, never, SocketData>;

const codesOf = (socket: Socket) => [...socket.rooms].filter((r) => r.startsWith("room:")).map((r) => r.slice(5));

/** `/rooms`: membership, participants, room chat, mode and controls, closing. */
export function attachRooms(nsp: Namespace): void {
  nsp.on("connection", (raw) => {
    const socket = raw as unknown as RoomsSocket;
    const s = socket as never;

    onEvent(s, "join_room", RoomRef, async ({ room_id }, { user }) => {
      const room = await joinRoom(user.id, room_id);
      await socket.join(roomChannel(room_id));
      const [participants, messages, notes] = await Promise.all([
        listParticipants(room_id, room.hostId),
        recentMessages(room_id),
        listNotes(user.id, room_id),
      ]);
      socket.to(roomChannel(room_id)).emit("participants", { room_id, participants });
      return { room: presentRoom(room), participants, messages, notes };
    });

    onEvent(s, "leave_room", RoomRef, async ({ room_id }, { user }) => {
      await leaveRoom(user.id, room_id);
      return {};
    });

    onEvent(s, "send_message", SendRoomMessage, async ({ room_id, content, client_id }, { user }) => ({
      message: await sendRoomMessage(user.id, room_id, content, client_id, socket.rooms.has(roomChannel(room_id))),
    }));

    onEvent(s, "set_mode", SetMode, async ({ room_id, mode }, { user }) => ({ room: presentRoom(await setMode(user.id, room_id, mode)) }));
    onEvent(s, "set_controls", SetControls, async ({ room_id, controls }, { user }) => ({
      room: presentRoom(await setControls(user.id, room_id, controls)),
    }));
    onEvent(s, "close_room", RoomRef, async ({ room_id }, { user }) => ({ room: presentRoom(await closeRoom(user.id, room_id)) }));

    // A dropped connection is not leaving: the participant stays, shown offline.
    let rooms: string[] = [];
    raw.on("disconnecting", () => (rooms = codesOf(raw)));
    raw.on("disconnect", () => {
      for (const code of rooms) void broadcastParticipants(code).catch(() => {});
    });
  });
}
