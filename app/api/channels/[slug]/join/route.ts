import { channelJson, joinChannel } from "@/lib/chat/channels";
import { joinChannelOp } from "@/lib/chat/contract";
import { handle, routes } from "@/lib/http/handler";

export const { GET, POST, PUT, PATCH, DELETE } = routes({
  POST: handle(joinChannelOp, async ({ user, params }) => {
    const { channel, member } = await joinChannel(user.id, params.slug);
    return { channel: await channelJson(channel, member) };
  }),
});
