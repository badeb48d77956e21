import { handle, routes } from "@/lib/http/handler";
import { closeRoomOp } from "@/lib/rooms/contract";
import { presentRoom } from "@/lib/rooms/present";
import { closeRoom } from "@/lib/rooms/service";

export const { GET, POST, PUT, PATCH, DELETE } = routes({
  POST: handle(closeRoomOp, async ({ user, params }) => ({ room: presentRoom(await closeRoom(user.id, params.room_id)) })),
});
