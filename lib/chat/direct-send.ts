import "server-only";
import { handle, type RouteFn } from "@/lib/http/handler";
import { isMultipart, readMediaMessage } from "./attachments";
import type { sendDirectMediaOp, sendDirectOp } from "./contract";
import { sendDirectMessage } from "./messages";

/**
 * POST of a direct message, JSON or multipart (media read by lib/chat/attachments.ts): one
 * handler for POST /api/messages and its seed alias POST /api/messages/send.
 */
export function directSendRoute(textOp: typeof sendDirectOp, mediaOp: typeof sendDirectMediaOp): RouteFn {
  const sendText = handle(textOp, async ({ user, body }) => ({ message: await sendDirectMessage(user.id, body.receiver, body) }));
  const sendMedia = handle(mediaOp, async ({ user, req }) => {
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
  return (req, ctx) => (isMultipart(req) ? sendMedia(req, ctx) : sendText(req, ctx));
}
