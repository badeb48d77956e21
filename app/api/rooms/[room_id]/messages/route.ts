import { handle, routes } from "@/lib/http/handler";
import { roomMessagesOp } from "@/lib/rooms/contract";
import { roomMessagesPage } from "@/lib/rooms/messages";

export const { GET, POST, PUT, PATCH, DELETE } = routes({
  GET: handle(roomMessagesOp, async ({ user, params, query }) => roomMessagesPage(user.id, params.room_id, query)),
});
