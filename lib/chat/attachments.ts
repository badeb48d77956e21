import "server-only";
import type { MessageType } from "@prisma/client";
import { db } from "@/lib/db/prisma";
import { errors, zodDetails } from "@/lib/http/errors";
import { kindError, receiveUpload } from "@/lib/uploads/pipeline";
import type { UploadKind } from "@/lib/uploads/schemas";
import { claimUpload, deleteUpload, type UploadAccessRule } from "@/lib/uploads/service";
import { readableChannelIds } from "./channels";
import { SendDirectMultipart } from "./schemas";

// The seam between chat and the uploads subsystem (docs/uploads.md): which files a message type
// takes, the multipart form of POST /api/messages, and who may see a message's file.

/** The kinds of upload each media message type takes (`file` is any document or media). */
const KINDS: Record<Exclude<MessageType, "text">, readonly UploadKind[]> = {
  image: ["image"],
  audio: ["audio"],
  video: ["video"],
  file: ["image", "audio", "video", "file"],
};

const kindsOf = (messageType: string): readonly UploadKind[] | undefined =>
  messageType in KINDS ? KINDS[messageType as keyof typeof KINDS] : undefined;

/**
 * Checks that `uploadId` names an attachment upload of `userId` whose sniffed kind fits
 * `messageType`, marks it used, and returns the id to store.
 */
export async function resolveAttachment(userId: string, uploadId: string, messageType: MessageType): Promise<string> {
  const kinds = kindsOf(messageType);
  if (!kinds) throw errors.validation({ upload_id: ["A text message has no attachment"] });
  const upload = await claimUpload(uploadId, userId, { purposes: ["attachment"], kinds, field: "upload_id" });
  return upload.id;
}

export interface MediaMessageInput {
  receiver: string;
  messageType: MessageType;
  uploadId: string;
  content?: string;
  clientId?: string;
}

const MediaFields = SendDirectMultipart.omit({ file: true });

/**
 * POST /api/messages as multipart (`receiver`, `message_type`, `file`, optional `content`,
 * `client_id`): the file streamed into an attachment upload with the uploads' limits (the
 * message type's kinds apply from the first bytes when `message_type` comes before the file).
 */
export async function readMediaMessage(req: Request, userId: string): Promise<MediaMessageInput> {
  const { upload, fields } = await receiveUpload(req, userId, {
    purpose: "attachment",
    fields: ["receiver", "message_type", "content", "client_id"],
    kindsFor: (f) => kindsOf(f.message_type ?? ""),
  });
  const parsed = MediaFields.safeParse(fields);
  // A refused message does not leave its file behind.
  if (!parsed.success) {
    await deleteUpload(upload);
    throw errors.validation(zodDetails(parsed.error), "The message's fields are not valid");
  }
  const kinds = KINDS[parsed.data.message_type];
  if (!kinds.includes(upload.kind)) {
    await deleteUpload(upload);
    throw kindError(kinds);
  }
  return {
    receiver: parsed.data.receiver,
    messageType: parsed.data.message_type,
    uploadId: upload.id,
    content: parsed.data.content,
    clientId: parsed.data.client_id,
  };
}

/** Whether a request carries a multipart body (the media path of POST /api/messages). */
export function isMultipart(req: Request): boolean {
  return /^multipart\/form-data\b/i.test(req.headers.get("content-type") ?? "");
}

/**
 * A message's file is visible to whoever may read the message: the two people of a direct
 * conversation, the readers of its channel; not once the message is deleted (registered by
 * lib/app/compose.ts).
 */
export const chatAttachmentAccess: UploadAccessRule = async (upload, userId) => {
  const messages = await db().message.findMany({
    where: { uploadId: upload.id, deletedAt: null },
    select: { channelId: true, authorId: true, receiverId: true },
  });
  if (messages.some((m) => !m.channelId && (m.authorId === userId || m.receiverId === userId))) return true;
  const channelIds = [...new Set(messages.flatMap((m) => (m.channelId ? [m.channelId] : [])))];
  return (await readableChannelIds(userId, channelIds)).size > 0;
};
