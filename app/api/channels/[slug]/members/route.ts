import { addMembers } from "@/lib/chat/channels";
import { addMembersOp } from "@/lib/chat/contract";
import { handle, routes } from "@/lib/http/handler";

export const { GET, POST, PUT, PATCH, DELETE } = routes({
  POST: handle(addMembersOp, async ({ user, params, body }) => addMembers(user, params.slug, body.user_ids)),
});
