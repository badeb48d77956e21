import { listConversationsOp } from "@/lib/chat/contract";
import { listConversations } from "@/lib/chat/messages";
import { handle, routes } from "@/lib/http/handler";

export const { GET, POST, PUT, PATCH, DELETE } = routes({
  GET: handle(listConversationsOp, async ({ user }) => ({ conversations: await listConversations(user.id) })),
});
