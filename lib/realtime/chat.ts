import "server-only";
import { channelRoom, type AppNamespace, type AppSocket } from "./registry";
import { findChannel, readableChannelIds } from "@/lib/chat/channels";
import {
  deleteMessage,
  editMessage,
  markChannelRead,
  markDelivered,
  markDirectRead,
  openChannel,
  sendChannelMessage,
  sendDirectMessage,
  toggleReaction,
} from "@/lib/chat/messages";
import { setChosenStatus, socketIdle, userConnected, userDisconnected } from "@/lib/chat/presence";
import {
  EditMessage,
  JoinChannel,
  MarkRead,
  MessageRef,
  ReactToMessage,
  SendMessage,
  SetIdle,
  SetStatus,
  Typing,
} from "@/lib/chat/schemas";
import { setTyping } from "@/lib/chat/typing";
import { logger } from "@/lib/log/logger";
import { onEvent } from "./handler";
import { onRedisBack } from "@/lib/redis/client";

const log = logger.child({ ns: "/chat" });

/** A socket restored by connection state recovery gets its channel rooms back: keep only those still readable. */
async function recheckSubscriptions(socket: AppSocket<"/chat">): Promise<void> {
  const ids = [...socket.rooms].filter((r) => r.startsWith("channel:")).map((r) => r.slice("channel:".length));
  const readable = await readableChannelIds(socket.data.user.id, ids);
  for (const id of ids) if (!readable.has(id)) await socket.leave(channelRoom(id));
}

/** `/chat`: channels and direct messages, presence, typing, receipts, reactions (CONTRACT.md section 4). */
export function attachChat(nsp: AppNamespace<"/chat">): void {
  // While Redis was away, broadcasts stayed on the node that made them. Clients fetch what they
  // missed by cursor (their seqs tell them from where): this node's sockets when its reader is
  // back, every node's when its publisher is back (what it sent meanwhile reached only its own).
  onRedisBack((side) => (side === "reader" ? nsp.local : nsp).emit("resync", { reason: "redis_reconnected" }));
  nsp.on("connection", (socket) => {
    const userId = socket.data.user.id;

    void userConnected(userId, socket.id)
      .then((snapshot) => socket.emit("presence_snapshot", snapshot))
      .catch((err: unknown) => log.error({ err, userId }, "presence on connect failed"));
    if (socket.recovered)
      void recheckSubscriptions(socket).catch((err: unknown) => log.error({ err, userId }, "subscription re-check failed"));

    onEvent(socket, "join_channel", JoinChannel, async ({ channel }, { user }) => {
      const { channelId, ...opened } = await openChannel(user.id, channel);
      await socket.join(channelRoom(channelId));
      return opened;
    });

    // Stops the live events on this socket; membership stays (POST /api/channels/{slug}/leave ends it).
    onEvent(socket, "leave_channel", JoinChannel, async ({ channel }) => {
      await socket.leave(channelRoom((await findChannel(channel)).id));
      return {};
    });

    onEvent(socket, "send_message", SendMessage, async ({ channel, receiver, ...input }, { user }) => ({
      message: channel ? await sendChannelMessage(user.id, channel, input) : await sendDirectMessage(user.id, receiver!, input),
    }));
    onEvent(socket, "edit_message", EditMessage, async ({ id, content }, { user }) => ({
      message: await editMessage(user.id, id, content),
    }));
    onEvent(socket, "delete_message", MessageRef, async ({ id }, { user }) => ({ message: await deleteMessage(user.id, id) }));
    onEvent(socket, "typing", Typing, async (input, { user }) => {
      await setTyping(user.id, input);
      return {};
    });
    onEvent(socket, "mark_delivered", MessageRef, async ({ id }, { user }) => markDelivered(user.id, id));
    onEvent(socket, "mark_read", MarkRead, async ({ id, channel, message_id }, { user }) =>
      id ? markDirectRead(user.id, id) : markChannelRead(user.id, channel!, message_id!),
    );
    onEvent(socket, "set_status", SetStatus, async ({ status }, { user }) => setChosenStatus(user.id, status));
    onEvent(socket, "set_idle", SetIdle, async ({ idle }, { user }) => {
      await socketIdle(user.id, socket.id, idle);
      return {};
    });
    onEvent(socket, "react", ReactToMessage, async ({ id, emoji }, { user }) => toggleReaction(user.id, id, emoji));

    socket.on("disconnect", () => {
      void userDisconnected(userId, socket.id).catch((err: unknown) => log.error({ err, userId }, "presence on disconnect failed"));
    });
  });
}
