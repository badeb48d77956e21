import { handle, routes } from "@/lib/http/handler";
import { leaveRoomOp } from "@/lib/rooms/contract";
import { leaveRoom } from "@/lib/rooms/service";

export const { GET, POST, PUT, PATCH, DELETE } = routes({
  POST: handle(leaveRoomOp, async ({ user, params }) => {
    await leaveRoom(user.id, params.room_id);
    return {};
  }),
});
