import { handle, routes } from "@/lib/http/handler";
import { createRoomOp, listRoomsOp } from "@/lib/rooms/contract";
import { presentRoom } from "@/lib/rooms/present";
import { createRoom, listMyRooms } from "@/lib/rooms/service";

export const { GET, POST, PUT, PATCH, DELETE } = routes({
  GET: handle(listRoomsOp, async ({ user }) => ({ rooms: await listMyRooms(user.id) })),
  POST: handle(createRoomOp, async ({ user, body }) => ({ room: presentRoom(await createRoom(user.id, body.name)) })),
});
