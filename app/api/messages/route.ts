import { isMultipart, readMediaMessage } from "@/lib/chat/attachments";
import { directHistoryOp, sendDirectMediaOp, sendDirectOp } from "@/lib/chat/contract";
import { conversationHistory, sendDirectMessage } from "@/lib/chat/messages";
import { handle, routes, type RouteFn } from "@/lib/http/handler";

const sendText = handle(sendDirectOp, async ({ user, body }) => ({ message: await sendDirectMessage(user.id, body.receiver, body) }));

// Media messages arrive as multipart; lib/chat/attachments.ts reads them (415 until uploads land).
const sendMedia = handle(sendDirectMediaOp, async ({ user, req }) => {
  const media = await readMediaMessage(req, user.id);
  return {
    message: await sendDirectMessage(user.id, media.receiver, {
      content: media.content,
      message_type: media.messageType,
      upload_id: media.uploadId,
      client_id: media.clientId,
    }),
  };
});

const send: RouteFn = (req, ctx) => (isMultipart(req) ? sendMedia(req, ctx) : sendText(req, ctx));

export const { GET, POST, PUT, PATCH, DELETE } = routes({
  GET: handle(directHistoryOp, async ({ user, query }) => conversationHistory(user.id, query)),
  POST: send,
});
