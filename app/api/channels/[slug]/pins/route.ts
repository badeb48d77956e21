import { channelPinsOp } from "@/lib/chat/contract";
import { listPins } from "@/lib/chat/pins";
import { handle, routes } from "@/lib/http/handler";

export const { GET, POST, PUT, PATCH, DELETE } = routes({
  GET: handle(channelPinsOp, async ({ user, params }) => listPins(user.id, params.slug)),
});
