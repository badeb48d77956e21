import { channelDetail } from "@/lib/chat/channels";
import { getChannelOp } from "@/lib/chat/contract";
import { handle, routes } from "@/lib/http/handler";

export const { GET, POST, PUT, PATCH, DELETE } = routes({
  GET: handle(getChannelOp, async ({ user, params }) => channelDetail(user.id, params.slug)),
});
