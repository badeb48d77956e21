import { directHistoryOp, sendDirectMediaOp, sendDirectOp } from "@/lib/chat/contract";
import { directSendRoute } from "@/lib/chat/direct-send";
import { conversationHistory } from "@/lib/chat/messages";
import { handle, routes } from "@/lib/http/handler";

export const { GET, POST, PUT, PATCH, DELETE } = routes({
  GET: handle(directHistoryOp, async ({ user, query }) => conversationHistory(user.id, query)),
  POST: directSendRoute(sendDirectOp, sendDirectMediaOp),
});
