import { z } from "zod";
import { defineOperation } from "@/lib/openapi/operation";
import {
  AddMembersBody,
  Channel,
  ChannelMember,
  ChannelParams,
  ChatMessage,
  Conversation,
  CreateChannelBody,
  DirectHistoryQuery,
  EditMessageBody,
  HistoryQuery,
  MembersQuery,
  MessageParams,
  Page,
  PostChannelMessageBody,
  SearchHit,
  SearchQuery,
  SendDirectBody,
  SendDirectMultipart,
  ThreadQuery,
} from "./schemas";

const tags = ["chat"];
const ChannelWithMembers = z.object({
  channel: Channel,
  members: z.array(ChannelMember).describe("The first page of members, by join order (`channel.member_count` has them all)"),
  members_next_cursor: z.string().nullable().describe("`after=` for GET /api/channels/{slug}/members; null when this page has them all"),
});
const MessagePage = z.object({ messages: z.array(ChatMessage), ...Page });

export const listChannelsOp = defineOperation({
  method: "GET",
  path: "/api/channels",
  summary: "My channels and every public one",
  description: "Most recently active first, each with `member_count`, my `unread_count`, `last_message` and `is_member`.",
  tags,
  auth: "required",
  response: z.object({ channels: z.array(Channel) }),
});

export const createChannelOp = defineOperation({
  method: "POST",
  path: "/api/channels",
  summary: "Create a channel (you own it)",
  description:
    "The slug comes from the name (`-2`, `-3`... when taken). `public`: anyone joins; `private`: invite only; `group`: members chosen by the owner; `course`: instructors only, and its members must be students. `member_ids` are added at once and get a `notification` (kind `added_to_channel`).",
  tags,
  auth: "required",
  body: CreateChannelBody,
  response: z.object({ channel: Channel }),
  status: 201,
  errors: [403],
});

export const getChannelOp = defineOperation({
  method: "GET",
  path: "/api/channels/{slug}",
  summary: "A channel and the first page of its members with `online`",
  description: "Public channels: anyone; others: members only (403). The next pages come from GET /api/channels/{slug}/members.",
  tags,
  auth: "required",
  params: ChannelParams,
  response: ChannelWithMembers,
  errors: [403],
});

export const joinChannelOp = defineOperation({
  method: "POST",
  path: "/api/channels/{slug}/join",
  summary: "Join a channel",
  description: "Public channels: anyone. The others are invite-only: their owner adds members (403 for anyone else).",
  tags,
  auth: "required",
  params: ChannelParams,
  response: z.object({ channel: Channel }),
  errors: [403],
});

export const leaveChannelOp = defineOperation({
  method: "POST",
  path: "/api/channels/{slug}/leave",
  summary: "Leave a channel",
  description:
    "Members only. An owner hands the channel to its longest-present member; a course channel's instructor cannot leave it (409). The user's sockets stop getting its live events.",
  tags,
  auth: "required",
  params: ChannelParams,
  response: z.object({}),
  errors: [403, 409],
});

export const addMembersOp = defineOperation({
  method: "POST",
  path: "/api/channels/{slug}/members",
  summary: "Add members (the owner; a course channel's instructor)",
  description:
    "Course channels take students only. Users already in are left as they are; new ones get a `notification` (kind `added_to_channel`).",
  tags,
  auth: "required",
  params: ChannelParams,
  body: AddMembersBody,
  response: ChannelWithMembers,
  errors: [403],
});

export const channelMembersOp = defineOperation({
  method: "GET",
  path: "/api/channels/{slug}/members",
  summary: "A channel's members, one page at a time",
  description: "By join order, with `online`. Whoever may read the channel. `next_cursor` is null on the last page.",
  tags,
  auth: "required",
  params: ChannelParams,
  query: MembersQuery,
  response: z.object({ members: z.array(ChannelMember), ...Page }),
  errors: [403],
});

export const channelMessagesOp = defineOperation({
  method: "GET",
  path: "/api/channels/{slug}/messages",
  summary: "A channel's history, oldest first within the page",
  description:
    "Without a cursor: the newest `limit` messages. `before=<next_cursor>` pages back; `after=<message id>` returns what came after a message (catching up after a reconnect). Cursors are message ids.",
  tags,
  auth: "required",
  params: ChannelParams,
  query: HistoryQuery,
  response: MessagePage,
  errors: [403],
});

export const exportChannelOp = defineOperation({
  method: "GET",
  path: "/api/channels/{slug}/export.md",
  summary: "A channel as a Markdown file",
  description:
    "Its timeline oldest first (the newest 5,000 messages), each message with its author, time and attachment; every thread's replies under their root, headed by the thread's id (`thread_id`). Anyone who can read the channel.",
  tags,
  auth: "required",
  params: ChannelParams,
  produces: "text/markdown",
  errors: [403, 404],
});

export const postChannelMessageOp = defineOperation({
  method: "POST",
  path: "/api/channels/{slug}/messages",
  summary: "Send a message to a channel",
  description:
    "Markdown, at most 4,000 characters. Broadcast live as the socket's `send_message` is. Sending twice with one `client_id` stores one message and answers it both times. 5 messages a second per user (shared with room chat) and 50 per caller address. Posting in a public channel makes you a member. Media `message_type`s (`image`, `audio`, `video`, `file`) take `upload_id`: one of your uploads with purpose `attachment` whose kind fits (`file` takes any); its file is then visible to the channel's readers.",
  tags,
  auth: "required",
  params: ChannelParams,
  body: PostChannelMessageBody,
  response: z.object({ message: ChatMessage }),
  status: 201,
  errors: [403, 409, 415, 429],
});

export const threadOp = defineOperation({
  method: "GET",
  path: "/api/messages/{id}/thread",
  summary: "A thread: its root and its replies, oldest first",
  description:
    "`id` is the root, or one of its replies (which opens the root's thread). Replies page forward: without `after`, from the first reply; `after=<next_cursor>` for the next page (`next_cursor` is null on the last one). Whoever may read the channel. A direct message has no thread (400).",
  tags,
  auth: "required",
  params: MessageParams,
  query: ThreadQuery,
  response: z.object({ root: ChatMessage, messages: z.array(ChatMessage), ...Page }),
  errors: [403, 404],
});

export const pinMessageOp = defineOperation({
  method: "POST",
  path: "/api/messages/{id}/pin",
  summary: "Pin a channel message (the channel's owner or a moderator)",
  description:
    "Moderators are administrators. Pinning a pinned message keeps its first pin. Broadcast to the channel's open sockets as `pin_updated`. A deleted message cannot be pinned (409). Rate limited as sending (5 a second).",
  tags,
  auth: "required",
  params: MessageParams,
  response: z.object({ message: ChatMessage }),
  errors: [403, 404, 409, 429],
});

export const unpinMessageOp = defineOperation({
  method: "DELETE",
  path: "/api/messages/{id}/pin",
  summary: "Unpin a channel message (the channel's owner or a moderator)",
  description: "Unpinning a message that is not pinned changes nothing. Broadcast as `pin_updated` with `pinned_at: null`.",
  tags,
  auth: "required",
  params: MessageParams,
  response: z.object({ message: ChatMessage }),
  errors: [403, 404, 409, 429],
});

export const channelPinsOp = defineOperation({
  method: "GET",
  path: "/api/channels/{slug}/pins",
  summary: "A channel's pinned messages, the newest pin first",
  description: "Whoever may read the channel. At most 100; deleted messages drop out.",
  tags,
  auth: "required",
  params: ChannelParams,
  response: z.object({ messages: z.array(ChatMessage) }),
  errors: [403],
});

export const editMessageOp = defineOperation({
  method: "PATCH",
  path: "/api/messages/{id}",
  summary: "Edit a message (its author)",
  description: "Sets `edited_at`; broadcast as `message_updated`. A deleted message cannot be edited (409).",
  tags,
  auth: "required",
  params: MessageParams,
  body: EditMessageBody,
  response: z.object({ message: ChatMessage }),
  errors: [403, 409],
});

export const deleteMessageOp = defineOperation({
  method: "DELETE",
  path: "/api/messages/{id}",
  summary: "Delete a message (its author, or the channel's owner)",
  description: "Soft delete: later reads show `deleted: true` and `content: null`; broadcast as `message_deleted`.",
  tags,
  auth: "required",
  params: MessageParams,
  response: z.object({ message: ChatMessage }),
  errors: [403],
});

export const searchOp = defineOperation({
  method: "GET",
  path: "/api/search",
  summary: "Search the messages you may read",
  description:
    "Public channels, channels you are in and your conversations. Every word must match, partial words included (`sched` finds `schedule`); best match first. Filters inside `q`: `from:@username` (or `from:me`), `in:#channel`, `in:@username` (your conversation with them). Each hit has a `context` to open it in place.",
  tags,
  auth: "required",
  query: SearchQuery,
  response: z.object({ messages: z.array(SearchHit), ...Page }),
  errors: [403, 404],
});

export const listConversationsOp = defineOperation({
  method: "GET",
  path: "/api/conversations",
  summary: "My direct conversations",
  description:
    'Most recent first, with `unread_count`, `last_message` and the other user with `online` ("Deleted user" once their account is gone).',
  tags,
  auth: "required",
  response: z.object({ conversations: z.array(Conversation) }),
});

export const directHistoryOp = defineOperation({
  method: "GET",
  path: "/api/messages",
  summary: "A direct conversation's history, oldest first within the page",
  description: "`with=<user id>`, or `conversation=<id>` (a conversation whose other user was deleted). Cursors as for channels.",
  tags,
  auth: "required",
  query: DirectHistoryQuery,
  response: MessagePage,
  errors: [403, 404],
});

export const sendDirectOp = defineOperation({
  method: "POST",
  path: "/api/messages",
  summary: "Send a direct message",
  description:
    'JSON `{receiver, content, message_type: "text", client_id?}`. The receiver gets it live with a `notification` (kind `direct_message`). Media: JSON with `message_type` and `upload_id` (from POST /api/uploads), or multipart `receiver`, `message_type` (`image|audio|video|file`), `file`, optional `content` and `client_id` (send `message_type` before `file`): the file goes through the uploads\' checks and limits (413, 415) and is visible to the two of you.',
  tags,
  auth: "required",
  body: SendDirectBody,
  multipart: SendDirectMultipart,
  response: z.object({ message: ChatMessage }),
  status: 201,
  errors: [404, 409, 415, 429],
});

/** The multipart path of POST /api/messages: same operation, the body read by the handler itself. */
export const sendDirectMediaOp = defineOperation({ ...sendDirectOp, body: undefined });

export const chatOperations = [
  exportChannelOp,
  listChannelsOp,
  createChannelOp,
  getChannelOp,
  joinChannelOp,
  leaveChannelOp,
  addMembersOp,
  channelMembersOp,
  channelMessagesOp,
  postChannelMessageOp,
  threadOp,
  pinMessageOp,
  unpinMessageOp,
  channelPinsOp,
  editMessageOp,
  deleteMessageOp,
  searchOp,
  listConversationsOp,
  directHistoryOp,
  sendDirectOp,
];

export const sendDirectAliasOp = defineOperation({
  ...sendDirectOp,
  path: "/api/messages/send",
  summary: "Send a direct message (alias)",
  description: "Deprecated alias of POST /api/messages (the direct-messages seed's path): the same bodies, JSON or multipart, and answers.",
  deprecated: true,
});

export const sendDirectMediaAliasOp = defineOperation({ ...sendDirectAliasOp, body: undefined });

export const chatAliasOperations = [sendDirectAliasOp];
