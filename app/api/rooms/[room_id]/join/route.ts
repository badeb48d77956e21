import { handle, routes } from "@/lib/http/handler";
import { joinRoomOp } from "@/lib/rooms/contract";
import { presentRoom } from "@/lib/rooms/present";
import { broadcastParticipants, joinRoom } from "@/lib/rooms/service";

export const { GET, POST, PUT, PATCH, DELETE } = routes({
  POST: handle(joinRoomOp, async ({ user, params }) => {
    const room = await joinRoom(user.id, params.room_id);
    await broadcastParticipants(room.id);
    return { room: presentRoom(room) };
  }),
});
