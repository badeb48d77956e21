import "server-only";
import { Prisma } from "@prisma/client";
import { db } from "@/lib/db/prisma";
import { logger } from "@/lib/log/logger";
import { emitToUsers } from "./events";
import { setSingleton, singleton } from "@/lib/system/singleton";

/**
 * Who is online, counted in sockets so several tabs make one presence. `connect` and `disconnect`
 * say whether the user's presence changed (first socket in, last socket out). The in-memory
 * store sees one node; several nodes share a Redis-backed one (same interface, setPresenceStore).
 */
export interface PresenceStore {
  /** Records a socket; true when it is the user's first (the user came online). */
  connect(userId: string, socketId: string): Promise<boolean>;
  /** Forgets a socket; true when it was the user's last (the user went offline). */
  disconnect(userId: string, socketId: string): Promise<boolean>;
  /** The online users among these. */
  onlineAmong(userIds: Iterable<string>): Promise<Set<string>>;
}

export class MemoryPresenceStore implements PresenceStore {
  private readonly sockets = new Map<string, Set<string>>();

  async connect(userId: string, socketId: string): Promise<boolean> {
    const set = this.sockets.get(userId) ?? new Set<string>();
    const first = set.size === 0;
    set.add(socketId);
    this.sockets.set(userId, set);
    return first;
  }

  async disconnect(userId: string, socketId: string): Promise<boolean> {
    const set = this.sockets.get(userId);
    if (!set || !set.delete(socketId)) return false;
    if (set.size > 0) return false;
    this.sockets.delete(userId);
    return true;
  }

  async onlineAmong(userIds: Iterable<string>): Promise<Set<string>> {
    const out = new Set<string>();
    for (const id of userIds) if (this.sockets.has(id)) out.add(id);
    return out;
  }
}

// The socket handlers (custom server's module graph) fill it; route handlers (Next's graph) read
// it for `online`: one instance on globalThis.
declare module "@/lib/system/singleton" {
  interface ProcessSingletons {
    presenceStore: PresenceStore;
    presenceChains: Map<string, Promise<unknown>>;
  }
}

export function presenceStore(): PresenceStore {
  return singleton("presenceStore", () => new MemoryPresenceStore());
}

export function setPresenceStore(store: PresenceStore): void {
  setSingleton("presenceStore", store);
}

/** One user's transitions run in order, so a quick reconnect cannot announce "online" before "offline". */
function serialized<T>(userId: string, fn: () => Promise<T>): Promise<T> {
  const chains = singleton("presenceChains", () => new Map());
  const previous = chains.get(userId) ?? Promise.resolve();
  const next = previous.catch(() => {}).then(fn);
  chains.set(userId, next);
  void next
    .finally(() => {
      if (chains.get(userId) === next) chains.delete(userId);
    })
    .catch(() => {});
  return next;
}

/** Everyone who shares a channel or a direct conversation with the user. */
export async function contactsOf(userId: string): Promise<string[]> {
  const rows = await db().$queryRaw<{ id: string }[]>`
    SELECT other.user_id AS id
      FROM channel_members mine
      JOIN channel_members other ON other.channel_id = mine.channel_id
     WHERE mine.user_id = ${userId} AND other.user_id <> ${userId}
    UNION
    SELECT CASE WHEN user_a_id = ${userId} THEN user_b_id ELSE user_a_id END AS id
      FROM conversations
     WHERE (user_a_id = ${userId} OR user_b_id = ${userId}) AND user_a_id IS NOT NULL AND user_b_id IS NOT NULL`;
  return rows.map((r) => r.id);
}

async function announce(userId: string, online: boolean): Promise<string[]> {
  const at = new Date();
  // updateMany: the user may be in the middle of deleting their account.
  await db().user.updateMany({ where: { id: userId }, data: { lastSeenAt: at } });
  const contacts = await contactsOf(userId);
  emitToUsers(contacts, "presence_update", { user_id: userId, online, last_seen: at.toISOString() });
  return contacts;
}

/** A /chat socket connected: tells the user's contacts if it is the first, and returns who of them is online. */
export function userConnected(userId: string, socketId: string): Promise<string[]> {
  return serialized(userId, async () => {
    const first = await presenceStore().connect(userId, socketId);
    const contacts = first ? await announce(userId, true) : await contactsOf(userId);
    return [...(await presenceStore().onlineAmong(contacts))];
  });
}

/** A /chat socket went away: the user is offline when it was the last (users.last_seen_at is set). */
export function userDisconnected(userId: string, socketId: string): Promise<void> {
  return serialized(userId, async () => {
    if (await presenceStore().disconnect(userId, socketId)) await announce(userId, false);
  });
}

/**
 * Of `candidates`, the users who share nothing with `userId` but the membership just created:
 * no other channel, and for a channel join no direct conversation either (a first direct
 * message, `channelId` undefined, is the conversation just created).
 */
async function freshContacts(userId: string, candidates: string[], channelId: string | undefined): Promise<string[]> {
  const others = candidates.filter((id) => id !== userId);
  if (!others.length) return [];
  const rows = await db().$queryRaw<{ id: string }[]>`
    SELECT u.id FROM unnest(ARRAY[${Prisma.join(others)}]::text[]) AS u(id)
     WHERE NOT EXISTS (
             SELECT 1 FROM channel_members mine
               JOIN channel_members other ON other.channel_id = mine.channel_id AND other.user_id = u.id
              WHERE mine.user_id = ${userId} AND mine.channel_id IS DISTINCT FROM ${channelId ?? null}::text)
       AND (${channelId ?? null}::text IS NULL OR NOT EXISTS (
             SELECT 1 FROM conversations c
              WHERE (c.user_a_id = ${userId} AND c.user_b_id = u.id) OR (c.user_a_id = u.id AND c.user_b_id = ${userId})))`;
  return rows.map((r) => r.id);
}

/**
 * Memberships just created (a channel joined, added to or created with members; a first direct
 * message, `channelId` omitted): the joiners and the channel's members are contacts from now on,
 * so they start hearing each other's presence without waiting for a reconnect. Each online
 * joiner with new online contacts gets one fresh `presence_snapshot` (all its online contacts),
 * and those contacts hear the joiner in one broadcast: a constant number of emits per joiner,
 * however big the channel. People who were contacts already hear nothing new. Runs after the
 * membership is stored; never throws (presence is a courtesy, the join itself succeeded).
 */
export async function contactsJoined(joinerIds: string[], channelId?: string): Promise<void> {
  try {
    const joiners = [...new Set(joinerIds)];
    const members = channelId
      ? (await db().channelMember.findMany({ where: { channelId }, select: { userId: true } })).map((m) => m.userId)
      : joiners;
    const online = await presenceStore().onlineAmong(new Set([...members, ...joiners]));
    const onlineMembers = members.filter((id) => online.has(id));
    for (const joiner of joiners.filter((id) => online.has(id))) {
      // In the joiner's transition chain: an "offline" announced meanwhile is not contradicted.
      await serialized(joiner, async () => {
        if (!(await presenceStore().onlineAmong([joiner])).has(joiner)) return;
        const fresh = await freshContacts(joiner, onlineMembers, channelId);
        if (!fresh.length) return;
        const me = await db().user.findUnique({ where: { id: joiner }, select: { lastSeenAt: true } });
        emitToUsers(fresh, "presence_update", { user_id: joiner, online: true, last_seen: me?.lastSeenAt?.toISOString() ?? null });
        const contacts = await contactsOf(joiner);
        emitToUsers([joiner], "presence_snapshot", { online_user_ids: [...(await presenceStore().onlineAmong(contacts))] });
      });
    }
  } catch (err) {
    logger.warn({ err, channelId }, "presence for new contacts failed");
  }
}
