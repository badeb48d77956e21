import { channelMessagesOp, postChannelMessageOp } from "@/lib/chat/contract";
import { channelHistory, sendChannelMessage } from "@/lib/chat/messages";
import { handle, routes } from "@/lib/http/handler";

export const { GET, POST, PUT, PATCH, DELETE } = routes({
  GET: handle(channelMessagesOp, async ({ user, params, query }) => channelHistory(user.id, params.slug, query)),
  POST: handle(postChannelMessageOp, async ({ user, params, body }) => ({ message: await sendChannelMessage(user.id, params.slug, body) })),
});
