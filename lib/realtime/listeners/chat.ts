import "server-only";
import type { ChatAudience } from "@/lib/chat/events";
import { subscribe } from "@/lib/events/bus";
import { channelRoom, namespace, userRoom } from "../registry";

/**
 * A channel's audience is the sockets that opened it (join_channel), but the sender's own; a
 * user's, all of their sockets (on every node, through the adapter). Null when nobody can hear:
 * no server yet, or an empty list of users (Socket.IO would broadcast to everyone).
 */
function audience(to: ChatAudience) {
  const nsp = namespace("/chat");
  if (!nsp) return null;
  if ("channelId" in to) {
    const target = nsp.to(channelRoom(to.channelId));
    return to.exceptUserId ? target.except(userRoom(to.exceptUserId)) : target;
  }
  return to.userIds.length ? nsp.to(to.userIds.map(userRoom)) : null;
}

/** The chat domain's events, each to its audience on /chat under its own name. */
export function registerChatListeners(): () => void {
  const stops = [
    subscribe("chat.presence_snapshot", ({ to, payload }) => audience(to)?.emit("presence_snapshot", payload)),
    subscribe("chat.presence_update", ({ to, payload }) => audience(to)?.emit("presence_update", payload)),
    subscribe("chat.message_created", ({ to, payload }) => audience(to)?.emit("message_created", payload)),
    subscribe("chat.message_updated", ({ to, payload }) => audience(to)?.emit("message_updated", payload)),
    subscribe("chat.message_deleted", ({ to, payload }) => audience(to)?.emit("message_deleted", payload)),
    subscribe("chat.message_delivered", ({ to, payload }) => audience(to)?.emit("message_delivered", payload)),
    subscribe("chat.message_read", ({ to, payload }) => audience(to)?.emit("message_read", payload)),
    subscribe("chat.typing", ({ to, payload }) => audience(to)?.emit("typing", payload)),
    subscribe("chat.reaction_updated", ({ to, payload }) => audience(to)?.emit("reaction_updated", payload)),
    subscribe("chat.unread_update", ({ to, payload }) => audience(to)?.emit("unread_update", payload)),
    subscribe("chat.thread_updated", ({ to, payload }) => audience(to)?.emit("thread_updated", payload)),
    subscribe("chat.pin_updated", ({ to, payload }) => audience(to)?.emit("pin_updated", payload)),
    subscribe("chat.member_joined", ({ to, payload }) => audience(to)?.emit("member_joined", payload)),
    subscribe("chat.member_left", ({ to, payload }) => audience(to)?.emit("member_left", payload)),
    subscribe("chat.notification", ({ to, payload }) => audience(to)?.emit("notification", payload)),
    subscribe("chat.unsubscribed", ({ userId, channelId }) =>
      namespace("/chat")?.in(userRoom(userId)).socketsLeave(channelRoom(channelId)),
    ),
  ];
  return () => stops.forEach((stop) => stop());
}
