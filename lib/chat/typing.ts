import "server-only";
import { db } from "@/lib/db/prisma";
import { errors } from "@/lib/http/errors";
import { requireRead } from "./channels";
import { emitToChannel, emitToUsers } from "./events";
import { singleton } from "@/lib/system/singleton";

/** Without a new `typing` event for this long, the server says the user stopped. */
export const TYPING_TIMEOUT_MS = 5000;

export type TypingTarget = { channelId: string; slug: string } | { receiverId: string };

// Sends come over HTTP too (Next's module graph) and stop the typing indicator: one map for both.
declare module "@/lib/system/singleton" {
  interface ProcessSingletons {
    typingTimers: Map<string, NodeJS.Timeout>;
  }
}
const timers = () => singleton("typingTimers", () => new Map());

const keyOf = (userId: string, t: TypingTarget) => ("channelId" in t ? `${userId}|c:${t.channelId}` : `${userId}|u:${t.receiverId}`);

function emitTyping(userId: string, t: TypingTarget, isTyping: boolean): void {
  if ("channelId" in t) emitToChannel(t.channelId, "typing", { user_id: userId, channel: t.slug, is_typing: isTyping }, userId);
  else emitToUsers([t.receiverId], "typing", { user_id: userId, is_typing: isTyping });
}

/** Announced once when typing starts; repeated events only push the automatic stop further. */
export function startTyping(userId: string, t: TypingTarget): void {
  const key = keyOf(userId, t);
  const running = timers().get(key);
  if (running) clearTimeout(running);
  else emitTyping(userId, t, true);
  const timer = setTimeout(() => {
    timers().delete(key);
    emitTyping(userId, t, false);
  }, TYPING_TIMEOUT_MS);
  timer.unref();
  timers().set(key, timer);
}

/** Stopped explicitly, or by sending the message. Nothing to say if the user was not typing. */
export function stopTyping(userId: string, t: TypingTarget): void {
  const key = keyOf(userId, t);
  const running = timers().get(key);
  if (!running) return;
  clearTimeout(running);
  timers().delete(key);
  emitTyping(userId, t, false);
}

/** `typing {channel | receiver, is_typing}`: to the channel's open sockets, or to the receiver. */
export async function setTyping(userId: string, input: { channel?: string; receiver?: string; is_typing: boolean }): Promise<void> {
  let target: TypingTarget;
  if (input.channel) {
    const { channel } = await requireRead(userId, input.channel);
    target = { channelId: channel.id, slug: channel.slug };
  } else {
    const receiver = input.receiver!;
    if (receiver === userId) throw errors.validation({ receiver: ["You cannot message yourself"] });
    if (!(await db().user.findUnique({ where: { id: receiver }, select: { id: true } }))) throw errors.notFound("User");
    target = { receiverId: receiver };
  }
  if (input.is_typing) startTyping(userId, target);
  else stopTyping(userId, target);
}
