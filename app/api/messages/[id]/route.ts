import { deleteMessageOp, editMessageOp } from "@/lib/chat/contract";
import { deleteMessage, editMessage } from "@/lib/chat/messages";
import { handle, routes } from "@/lib/http/handler";

export const { GET, POST, PUT, PATCH, DELETE } = routes({
  PATCH: handle(editMessageOp, async ({ user, params, body }) => ({ message: await editMessage(user.id, params.id, body.content) })),
  DELETE: handle(deleteMessageOp, async ({ user, params }) => ({ message: await deleteMessage(user.id, params.id) })),
});
