// Shared by the API, the /chat socket handlers and the chat pages: no server-only imports.
import { z } from "zod";
import { PRESENCE_STATUSES, UserSummary, type PresenceStatus } from "@/lib/accounts/schemas";
import { ClientId, MessageContent } from "@/lib/rooms/schemas";
import { Upload } from "@/lib/uploads/schemas";

export { ClientId, MessageContent };

export const CHANNEL_TYPES = ["public", "private", "group", "course"] as const;
export const MESSAGE_TYPES = ["text", "image", "audio", "video", "file"] as const;
export const ChannelType = z.enum(CHANNEL_TYPES);
export const MessageType = z.enum(MESSAGE_TYPES);
export const MessageStatus = z.enum(["sent", "delivered", "read"]);

export const ChannelSlug = z
  .string()
  .trim()
  .toLowerCase()
  .max(80, "Must be at most 80 characters")
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "A channel slug is lowercase letters, digits and dashes");
export const ChannelName = z.string().trim().min(1, "Must not be empty").max(80, "Must be at most 80 characters");
export const UserId = z.string().trim().min(1, "Must not be empty").max(64);
export const MessageId = z.string().trim().min(1, "Must not be empty").max(64);
export const UploadId = z.string().trim().min(1, "Must not be empty").max(64);
/** A history cursor is the id of a message of the same channel or conversation. */
export const Cursor = MessageId;
export const Limit = z.coerce.number().int().min(1).max(100).default(50);

type MessageShape = { content?: string; message_type: z.infer<typeof MessageType>; upload_id?: string };

/** Text messages carry content and no file; media messages carry an upload and an optional caption. */
function checkMessageShape(m: MessageShape, ctx: z.RefinementCtx): void {
  if (m.message_type === "text") {
    if (!m.content) ctx.addIssue({ code: "custom", path: ["content"], message: "Required for a text message" });
    if (m.upload_id)
      ctx.addIssue({ code: "custom", path: ["upload_id"], message: "A text message has no attachment: give the media message_type" });
  } else if (!m.upload_id) {
    ctx.addIssue({ code: "custom", path: ["upload_id"], message: `Required for a ${m.message_type} message` });
  }
}

const messageFields = {
  content: MessageContent.optional(),
  message_type: MessageType.default("text"),
  upload_id: UploadId.optional(),
  client_id: ClientId.optional(),
};

// ---- HTTP ----

export const CreateChannelBody = z.object({
  name: ChannelName,
  type: ChannelType,
  description: z.string().trim().max(500, "Must be at most 500 characters").optional(),
  member_ids: z.array(UserId).max(500, "At most 500 members at once").optional(),
});
export const ChannelParams = z.object({ slug: ChannelSlug });
export const AddMembersBody = z.object({
  user_ids: z.array(UserId).min(1, "Give at least one user").max(500, "At most 500 members at once"),
});
export const HistoryQuery = z
  .object({
    before: Cursor.optional().describe("A message id: the page of messages just older than it (default: the newest page)"),
    after: Cursor.optional().describe("A message id: the messages just newer than it (catching up after a reconnect)"),
    limit: Limit,
  })
  .refine((q) => !(q.before && q.after), { message: "Give before or after, not both", path: ["after"] });
/** A reply's root (a reply to a reply goes to that reply's root). */
export const ThreadId = MessageId.describe("Reply in the thread of this channel message (its root)");
export const PostChannelMessageBody = z.object({ ...messageFields, thread_id: ThreadId.optional() }).superRefine(checkMessageShape);
export const ThreadQuery = z.object({
  after: Cursor.optional().describe("A reply id: the replies just after it (default: from the first reply)"),
  limit: Limit,
});
export const MessageParams = z.object({ id: MessageId });
export const EditMessageBody = z.object({ content: MessageContent });
export const SearchQuery = z.object({
  q: z
    .string()
    .trim()
    .min(1, "Type something to search for")
    .max(500, "Must be at most 500 characters")
    .describe("Words (partial words match), with optional filters `from:@username` (or `from:me`), `in:#channel`, `in:@username`"),
  channel: ChannelSlug.optional().describe("Only this channel (same as `in:#channel`)"),
  before: z.string().max(64).optional().describe("`next_cursor` of the previous page"),
  limit: Limit,
});
export const MembersQuery = z.object({
  after: z.string().trim().min(1).max(200).optional().describe("`next_cursor` of the previous page"),
  limit: Limit,
});

export const DirectHistoryQuery = z
  .object({
    with: UserId.optional().describe("The other user's id"),
    conversation: z.string().trim().min(1).max(64).optional().describe("A conversation id (e.g. one whose other user was deleted)"),
    before: Cursor.optional(),
    after: Cursor.optional(),
    limit: Limit,
  })
  .refine((q) => !!q.with !== !!q.conversation, { message: "Give either with or conversation", path: ["with"] })
  .refine((q) => !(q.before && q.after), { message: "Give before or after, not both", path: ["after"] });
export const SendDirectBody = z.object({ receiver: UserId, ...messageFields }).superRefine(checkMessageShape);
/** The multipart form of POST /api/messages (read by lib/chat/attachments.ts). */
export const SendDirectMultipart = z.object({
  receiver: UserId,
  message_type: z.enum(["image", "audio", "video", "file"]),
  content: MessageContent.optional(),
  file: z.string().describe("The file (binary)"),
  client_id: ClientId.optional(),
});

// ---- socket payloads (/chat) ----

const oneTarget = (v: { channel?: string; receiver?: string }) => !!v.channel !== !!v.receiver;
const oneTargetIssue = { message: "Give either channel or receiver", path: ["channel"] };

export const JoinChannel = z.object({ channel: ChannelSlug });
export const SendMessage = z
  .object({ channel: ChannelSlug.optional(), receiver: UserId.optional(), ...messageFields, thread_id: ThreadId.optional() })
  .refine(oneTarget, oneTargetIssue)
  .refine((v) => !v.thread_id || !!v.channel, { message: "Threads are for channel messages", path: ["thread_id"] })
  .superRefine(checkMessageShape);
export const EditMessage = z.object({ id: MessageId, content: MessageContent });
/** What a user chooses in the header's menu: `auto` follows activity (away after 10 idle minutes). */
export const CHOSEN_STATUSES = ["auto", "away", "dnd"] as const;
export const SetStatus = z.object({ status: z.enum(CHOSEN_STATUSES) }).strict();
export type ChosenStatus = (typeof CHOSEN_STATUSES)[number];
/** A tab reports input after 10 minutes without (`idle: false`) or the 10 minutes passing (`idle: true`). */
export const SetIdle = z.object({ idle: z.boolean() }).strict();
export { PRESENCE_STATUSES, type PresenceStatus };
export const MessageRef = z.object({ id: MessageId });
export const Typing = z
  .object({ channel: ChannelSlug.optional(), receiver: UserId.optional(), is_typing: z.boolean() })
  .refine(oneTarget, oneTargetIssue);
/** `{id}`: a direct message (and the earlier ones) read; `{channel, message_id}`: the channel's read marker. */
export const MarkRead = z
  .object({ id: MessageId.optional(), channel: ChannelSlug.optional(), message_id: MessageId.optional() })
  .refine((v) => (v.id ? !v.channel && !v.message_id : !!v.channel && !!v.message_id), {
    message: "Give id (direct message) or channel and message_id (read marker)",
    path: ["id"],
  });
export const ReactToMessage = z.object({ id: MessageId, emoji: z.string().min(1).max(32) });

// ---- JSON shapes ----

export const ReactionGroup = z.object({ emoji: z.string(), count: z.number(), user_ids: z.array(z.string()) });
/** The message's file (an upload without its purpose and date). */
export const Attachment = Upload.omit({ purpose: true, created_at: true });
export const ChatMessage = z.object({
  id: z.string(),
  channel: z.string().optional().describe("The channel's slug (channel messages)"),
  conversation: z.string().optional().describe("The conversation's id (direct messages)"),
  from: z.string().describe("The author's id (`deleted` for a deleted account)"),
  to: z.string().optional().describe("The receiver's id (direct messages)"),
  seq: z
    .number()
    .int()
    .describe("Position in its channel or conversation (1, 2, ...), in commit order: show messages by it; a jump reveals missed ones"),
  author: UserSummary,
  content: z.string().nullable().describe("Markdown; null once deleted"),
  message_type: MessageType,
  attachment: Attachment.optional(),
  created_at: z.string(),
  edited_at: z.string().nullable(),
  deleted: z.boolean(),
  status: MessageStatus.describe("Direct messages: sent, delivered, read; channel messages: sent"),
  client_id: z.string().optional(),
  reactions: z.array(ReactionGroup),
  thread_id: z.string().nullable().describe("A reply: its thread's root message; null for channel timeline and direct messages"),
  reply_count: z.number().int().describe("A root: how many replies its thread has (0 otherwise)"),
  last_reply_at: z.string().nullable().describe("A root: when the last reply came"),
  reply_user_ids: z.array(z.string()).describe("A root: the distinct repliers, most recent first (at most 10)"),
  pinned_at: z.string().nullable().describe("When the message was pinned in its channel (null: not pinned)"),
  pinned_by: z.string().nullable().describe("Who pinned it"),
});
export type ChatMessageJson = z.infer<typeof ChatMessage>;
export type ReactionGroupJson = z.infer<typeof ReactionGroup>;

export const Channel = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  type: ChannelType,
  description: z.string(),
  owner_id: z.string().nullable(),
  created_at: z.string(),
  member_count: z.number(),
  unread_count: z.number(),
  last_seq: z.number().int().describe("The seq of the channel's newest message"),
  thread_seq: z
    .number()
    .int()
    .describe("The sum of the last seqs of the threads I follow here: with last_seq, orders my unread counts (docs/chat.md)"),
  last_message: ChatMessage.nullable(),
  is_member: z.boolean(),
});
export type ChannelJson = z.infer<typeof Channel>;
export const ChannelMember = UserSummary.extend({
  online: z.boolean(),
  is_owner: z.boolean(),
  joined_at: z.string(),
  last_seen: z.string().nullable(),
});
export type ChannelMemberJson = z.infer<typeof ChannelMember>;
export const Conversation = z.object({
  id: z.string(),
  user: UserSummary.extend({ online: z.boolean(), last_seen: z.string().nullable() }),
  unread_count: z.number(),
  last_message: ChatMessage.nullable(),
  last_message_at: z.string().nullable(),
});
export const SearchHit = ChatMessage.extend({
  rank: z.number(),
  context: z.discriminatedUnion("type", [
    z.object({ type: z.literal("channel"), channel: z.string(), channel_name: z.string() }),
    z.object({ type: z.literal("direct"), conversation: z.string(), with: UserSummary }),
  ]),
});
export const Page = { next_cursor: z.string().nullable() };
/** What a root's thread summary is, live (`thread_updated`) and in the message. */
export const ThreadSummary = ChatMessage.pick({ id: true, channel: true, reply_count: true, last_reply_at: true, reply_user_ids: true });
export type ThreadSummaryJson = z.infer<typeof ThreadSummary>;
