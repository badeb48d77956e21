import { handle, routes } from "@/lib/http/handler";
import { listPollsOp } from "@/lib/rooms/class-contract";
import { listPolls } from "@/lib/rooms/polls";

export const { GET, POST, PUT, PATCH, DELETE } = routes({
  GET: handle(listPollsOp, async ({ user, params }) => ({ polls: await listPolls(user.id, params.room_id) })),
});
