import { searchOp } from "@/lib/chat/contract";
import { searchMessages } from "@/lib/chat/search";
import { handle, routes } from "@/lib/http/handler";

export const { GET, POST, PUT, PATCH, DELETE } = routes({
  GET: handle(searchOp, async ({ user, query }) => searchMessages(user.id, query)),
});
