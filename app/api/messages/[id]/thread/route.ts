import { threadOp } from "@/lib/chat/contract";
import { threadPage } from "@/lib/chat/threads";
import { handle, routes } from "@/lib/http/handler";

export const { GET, POST, PUT, PATCH, DELETE } = routes({
  GET: handle(threadOp, async ({ user, params, query }) => threadPage(user.id, params.id, query)),
});
