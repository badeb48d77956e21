import { createChannel, listChannels } from "@/lib/chat/channels";
import { createChannelOp, listChannelsOp } from "@/lib/chat/contract";
import { handle, routes } from "@/lib/http/handler";

export const { GET, POST, PUT, PATCH, DELETE } = routes({
  GET: handle(listChannelsOp, async ({ user }) => ({ channels: await listChannels(user.id) })),
  POST: handle(createChannelOp, async ({ user, body }) => ({ channel: await createChannel(user, body) })),
});
