import { leaveChannel } from "@/lib/chat/channels";
import { leaveChannelOp } from "@/lib/chat/contract";
import { handle, routes } from "@/lib/http/handler";

export const { GET, POST, PUT, PATCH, DELETE } = routes({
  POST: handle(leaveChannelOp, async ({ user, params }) => {
    await leaveChannel(user.id, params.slug);
    return {};
  }),
});
