import { addMembers, channelMembers } from "@/lib/chat/channels";
import { addMembersOp, channelMembersOp } from "@/lib/chat/contract";
import { handle, routes } from "@/lib/http/handler";

export const { GET, POST, PUT, PATCH, DELETE } = routes({
  GET: handle(channelMembersOp, async ({ user, params, query }) => channelMembers(user.id, params.slug, query)),
  POST: handle(addMembersOp, async ({ user, params, body }) => addMembers(user, params.slug, body.user_ids)),
});
