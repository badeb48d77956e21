import "server-only";
import type { MessageType } from "@prisma/client";
import { ApiError } from "@/lib/http/errors";

// The seam between chat and the uploads subsystem (CONTRACT.md section 6), which lives on its own
// branch. Chat already stores `messages.upload_id` and `message_type`, validates the message's
// shape (media types need an upload) and presents `attachment`; what needs uploads is here, and
// until they land every media message is refused with 415, the contract's code for a media type
// this server cannot take. The uploads subsystem replaces these two functions (docs/chat.md).

export const MEDIA_MESSAGES_UNAVAILABLE =
  "Media messages need the uploads subsystem, which this server does not have yet: send text messages (JSON) for now";

/**
 * Checks that `uploadId` names an upload of `userId` whose sniffed type fits `messageType`, and
 * returns the id to store. Today: always 415.
 */
export async function resolveAttachment(_userId: string, _uploadId: string, _messageType: MessageType): Promise<string> {
  throw new ApiError("UNSUPPORTED_MEDIA_TYPE", MEDIA_MESSAGES_UNAVAILABLE);
}

export interface MediaMessageInput {
  receiver: string;
  messageType: MessageType;
  uploadId: string;
  content?: string;
  clientId?: string;
}

/**
 * POST /api/messages as multipart (`receiver`, `message_type`, `file`): streams the file into an
 * upload and returns what sendDirectMessage needs. Today: always 415, before reading the body.
 */
export async function readMediaMessage(_req: Request, _userId: string): Promise<MediaMessageInput> {
  throw new ApiError("UNSUPPORTED_MEDIA_TYPE", MEDIA_MESSAGES_UNAVAILABLE);
}

/** Whether a request carries a multipart body (the media path of POST /api/messages). */
export function isMultipart(req: Request): boolean {
  return /^multipart\/form-data\b/i.test(req.headers.get("content-type") ?? "");
}
