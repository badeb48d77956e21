import { handle, routes } from "@/lib/http/handler";
import { getRoomOp } from "@/lib/rooms/contract";
import { roomDetail } from "@/lib/rooms/service";

export const { GET, POST, PUT, PATCH, DELETE } = routes({
  GET: handle(getRoomOp, async ({ user, params }) => roomDetail(user.id, params.room_id)),
});
