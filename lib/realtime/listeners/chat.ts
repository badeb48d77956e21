import "server-only";
import type { ChatAudience, ChatBroadcast, ChatBroadcasts } from "@/lib/chat/events";
import { subscribe, type DomainEvents } from "@/lib/events/bus";
import { channelRoom, getIo, userRoom } from "../registry";

/** Every chat broadcast goes out on /chat under its own name (a missing one fails the typecheck). */
const RELAYED: Record<ChatBroadcast, true> = {
  presence_snapshot: true,
  presence_update: true,
  message_created: true,
  message_updated: true,
  message_deleted: true,
  message_delivered: true,
  message_read: true,
  typing: true,
  reaction_updated: true,
  unread_update: true,
  thread_updated: true,
  pin_updated: true,
  member_joined: true,
  member_left: true,
  notification: true,
};

/** A channel's audience is the sockets that opened it (join_channel); a user's, all of their sockets (on every node, through the adapter). */
function emitChat<E extends ChatBroadcast>(to: ChatAudience, event: E, payload: ChatBroadcasts[E]): void {
  const nsp = getIo()?.of("/chat");
  if (!nsp) return;
  if ("channelId" in to) {
    const target = nsp.to(channelRoom(to.channelId));
    (to.exceptUserId ? target.except(userRoom(to.exceptUserId)) : target).emit(event, payload);
  } else if (to.userIds.length) {
    // An empty list would broadcast to everyone.
    nsp.to(to.userIds.map(userRoom)).emit(event, payload);
  }
}

function relay<E extends ChatBroadcast>(event: E): () => void {
  return subscribe(`chat.${event}`, (e: DomainEvents[`chat.${E}`]) => {
    const { to, payload } = e as { to: ChatAudience; payload: ChatBroadcasts[E] };
    emitChat(to, event, payload);
  });
}

/** The chat domain's events, to the /chat sockets that should hear them. */
export function registerChatListeners(): () => void {
  const stops = (Object.keys(RELAYED) as ChatBroadcast[]).map(relay);
  stops.push(
    subscribe("chat.unsubscribed", ({ userId, channelId }) => {
      getIo()?.of("/chat").in(userRoom(userId)).socketsLeave(channelRoom(channelId));
    }),
  );
  return () => stops.forEach((stop) => stop());
}
