// What the chat domain says happened, as typed domain events (lib/events/bus.ts). The domain
// names the audience in its own terms (a channel's open views, or these users); lib/realtime/
// listeners/chat.ts turns that into sockets. Types only besides `publish`: the socket contract
// (lib/realtime/contract.ts, browser-safe) reads the payloads from here.
import type { UserSummary } from "@/lib/accounts/schemas";
import { publish, type DomainEvents } from "@/lib/events/bus";
import type { ChannelMemberJson, ChatMessageJson, ChosenStatus, PresenceStatus, ReactionGroupJson, ThreadSummaryJson } from "./schemas";

type ChannelRef = { slug: string; name: string; type: "public" | "private" | "group" | "course" };

export type ChatNotification =
  | { kind: "mention"; channel: ChannelRef; message: ChatMessageJson; from: UserSummary; at: string }
  | { kind: "direct_message"; message: ChatMessageJson; from: UserSummary; at: string }
  | { kind: "added_to_channel"; channel: ChannelRef; from: UserSummary; at: string };

/** A channel's count (`channel`), or a direct conversation's (`conversation`, `with`). */
export type UnreadUpdate = {
  channel?: string;
  conversation?: string;
  with?: string;
  unread_count: number;
  last_seq?: number;
  /** The sum of the followed threads' last seqs (see lib/chat/unread.ts). */
  thread_seq?: number;
  last_message?: ChatMessageJson | null;
};

/** Each chat event's payload, as the sockets that hear it receive it (the event `chat.<name>`). */
export interface ChatBroadcasts {
  /** `my_status` only on connect (the user's own choice, for the header's menu). */
  presence_snapshot: { online_user_ids: string[]; statuses: Record<string, PresenceStatus>; my_status?: ChosenStatus };
  /** `my_status` only to the user's own tabs when their status changed. */
  presence_update: { user_id: string; online: boolean; status: PresenceStatus; last_seen: string | null; my_status?: ChosenStatus };
  message_created: ChatMessageJson;
  message_updated: { id: string; channel?: string; content: string | null; edited_at: string | null };
  message_deleted: { id: string; channel?: string; deleted_at: string };
  message_delivered: { id: string };
  message_read: { id: string };
  typing: { user_id: string; channel?: string; is_typing: boolean };
  reaction_updated: { id: string; channel?: string; reactions: ReactionGroupJson[] };
  unread_update: UnreadUpdate;
  thread_updated: ThreadSummaryJson;
  pin_updated: { id: string; channel: string; pinned_at: string | null; pinned_by: string | null; message: ChatMessageJson };
  /** A channel's open sockets: someone became a member, or left. */
  member_joined: { channel: string; member: ChannelMemberJson };
  member_left: { channel: string; user_id: string };
  notification: ChatNotification;
}
export type ChatBroadcast = keyof ChatBroadcasts;

/** Who hears it: the sockets that opened a channel (but the user's own), or every socket of these users. */
export type ChatAudience = { channelId: string; exceptUserId?: string } | { userIds: string[] };

type ChatDomainEvents = { [E in ChatBroadcast as `chat.${E}`]: { to: ChatAudience; payload: ChatBroadcasts[E] } };

declare module "@/lib/events/bus" {
  interface DomainEvents extends ChatDomainEvents {
    /** The user no longer follows the channel (left it, or lost access): heard before `chat.member_left`. */
    "chat.unsubscribed": { userId: string; channelId: string };
  }
}

function tell<E extends ChatBroadcast>(event: E, to: ChatAudience, payload: ChatBroadcasts[E]): void {
  publish(`chat.${event}`, { to, payload } as DomainEvents[`chat.${E}`]);
}

/** To the sockets that have the channel open (all of them, or all but `exceptUserId`'s). */
export function emitToChannel<E extends ChatBroadcast>(
  channelId: string,
  event: E,
  payload: ChatBroadcasts[E],
  exceptUserId?: string,
): void {
  tell(event, exceptUserId ? { channelId, exceptUserId } : { channelId }, payload);
}

/** To every socket of these users. An empty list reaches nobody. */
export function emitToUsers<E extends ChatBroadcast>(userIds: Iterable<string>, event: E, payload: ChatBroadcasts[E]): void {
  const ids = [...new Set(userIds)];
  if (ids.length) tell(event, { userIds: ids }, payload);
}

/** Take a user's sockets out of a channel's live events (leaving, or losing access). */
export function unsubscribeUser(userId: string, channelId: string): void {
  publish("chat.unsubscribed", { userId, channelId });
}
