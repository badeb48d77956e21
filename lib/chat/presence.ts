import "server-only";
import { Prisma } from "@prisma/client";
import { db } from "@/lib/db/prisma";
import { env } from "@/lib/env.mjs";
import { logger } from "@/lib/log/logger";
import { emitToUsers } from "./events";
import { setSingleton, singleton } from "@/lib/system/singleton";
import type { ChosenStatus, PresenceStatus } from "./schemas";

/**
 * Who is online, counted in sockets so several tabs make one presence. A user whose last socket
 * closes stays online for a grace (PRESENCE_GRACE_MS, about 10 s): a reconnect within it (a page
 * reload, a network blip, a tab moved to another node) announces nothing, and `due()` hands out,
 * once across nodes, the users whose grace ran out with no socket back. The in-memory store sees
 * one node; several nodes share a Redis-backed one (same interface, setPresenceStore).
 */
export interface PresenceStore {
  /** Records a socket; true when contacts must hear "online" (first socket, and not back within a grace). */
  connect(userId: string, socketId: string): Promise<boolean>;
  /** Forgets a socket; the user's last one starts the grace. */
  disconnect(userId: string, socketId: string): Promise<void>;
  /** The online users among these (a user in the grace still counts). */
  onlineAmong(userIds: Iterable<string>): Promise<Set<string>>;
  /** Users now offline for good (grace over, or their node died), each handed to one caller once. */
  due(): Promise<string[]>;
  /** A socket reports its tab idle (no input for 10 minutes) or active; true when the user's idleness changed. */
  setIdle(userId: string, socketId: string, idle: boolean): Promise<boolean>;
  /** The users among these whose every socket is idle. */
  idleAmong(userIds: Iterable<string>): Promise<Set<string>>;
}

export class MemoryPresenceStore implements PresenceStore {
  private readonly sockets = new Map<string, Set<string>>();
  /** User -> the time its grace ends. */
  private readonly leaving = new Map<string, number>();
  private readonly idle = new Map<string, Set<string>>();

  constructor(private readonly graceMs: number) {}

  async connect(userId: string, socketId: string): Promise<boolean> {
    const set = this.sockets.get(userId) ?? new Set<string>();
    const first = set.size === 0;
    set.add(socketId);
    this.sockets.set(userId, set);
    return first && !this.leaving.delete(userId);
  }

  async disconnect(userId: string, socketId: string): Promise<void> {
    const idle = this.idle.get(userId);
    if (idle?.delete(socketId) && !idle.size) this.idle.delete(userId);
    const set = this.sockets.get(userId);
    if (!set || !set.delete(socketId) || set.size > 0) return;
    this.sockets.delete(userId);
    this.leaving.set(userId, Date.now() + this.graceMs);
  }

  async onlineAmong(userIds: Iterable<string>): Promise<Set<string>> {
    const out = new Set<string>();
    for (const id of userIds) if (this.sockets.has(id) || this.leaving.has(id)) out.add(id);
    return out;
  }

  async due(): Promise<string[]> {
    const now = Date.now();
    const out: string[] = [];
    for (const [id, until] of this.leaving)
      if (until <= now) {
        this.leaving.delete(id);
        if (!this.sockets.has(id)) out.push(id);
      }
    return out;
  }

  private isIdle(userId: string): boolean {
    const sockets = this.sockets.get(userId);
    const idle = this.idle.get(userId);
    return !!sockets && !!idle && [...sockets].every((s) => idle.has(s));
  }

  async setIdle(userId: string, socketId: string, idle: boolean): Promise<boolean> {
    if (!this.sockets.get(userId)?.has(socketId)) return false;
    const before = this.isIdle(userId);
    const set = this.idle.get(userId) ?? new Set<string>();
    if (idle) set.add(socketId);
    else set.delete(socketId);
    if (set.size) this.idle.set(userId, set);
    else this.idle.delete(userId);
    return before !== this.isIdle(userId);
  }

  async idleAmong(userIds: Iterable<string>): Promise<Set<string>> {
    return new Set([...userIds].filter((id) => this.isIdle(id)));
  }

  /** This node's sockets by user (what a Redis-backed store re-registers after a Redis restart). */
  entries(): [string, string[]][] {
    return [...this.sockets].map(([id, set]) => [id, [...set]]);
  }

  /** Users in their grace on this node, with when it ends (ms since the epoch). */
  leavingEntries(): [string, number][] {
    return [...this.leaving];
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
  return singleton("presenceStore", () => new MemoryPresenceStore(env().PRESENCE_GRACE_MS));
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

/** Each user's status as contacts see it (offline, or online refined by the chosen status and idleness). */
export async function statusesOf(userIds: string[]): Promise<Map<string, PresenceStatus>> {
  const out = new Map<string, PresenceStatus>(userIds.map((id) => [id, "offline"]));
  const online = [...(await presenceStore().onlineAmong(userIds))];
  if (!online.length) return out;
  const [idle, chosen] = await Promise.all([
    presenceStore().idleAmong(online),
    db().chatStatus.findMany({ where: { userId: { in: online } }, select: { userId: true, status: true } }),
  ]);
  const choice = new Map(chosen.map((c) => [c.userId, c.status]));
  for (const id of online) {
    const c = choice.get(id);
    out.set(id, c === "dnd" ? "dnd" : c === "away" || idle.has(id) ? "away" : "online");
  }
  return out;
}

/** The status the user chose ("auto" without a row). */
export async function chosenStatus(userId: string): Promise<ChosenStatus> {
  const row = await db().chatStatus.findUnique({ where: { userId } });
  return row?.status === "away" || row?.status === "dnd" ? row.status : "auto";
}

/** The online users among `ids` with their status, for a presence_snapshot. */
async function snapshot(ids: string[]): Promise<{ online_user_ids: string[]; statuses: Record<string, PresenceStatus> }> {
  const statuses = await statusesOf(ids);
  const online = ids.filter((id) => statuses.get(id) !== "offline");
  return { online_user_ids: online, statuses: Object.fromEntries(online.map((id) => [id, statuses.get(id)!])) };
}

async function announce(userId: string, online: boolean): Promise<string[]> {
  const at = new Date();
  // updateMany: the user may be in the middle of deleting their account.
  await db().user.updateMany({ where: { id: userId }, data: { lastSeenAt: at } });
  const contacts = await contactsOf(userId);
  const status = online ? ((await statusesOf([userId])).get(userId) ?? "online") : "offline";
  emitToUsers(contacts, "presence_update", { user_id: userId, online, status, last_seen: at.toISOString() });
  return contacts;
}

/** The user's status changed while online: contacts hear it, and the user's own tabs with their choice (menus follow). */
async function announceStatus(userId: string): Promise<void> {
  const status = (await statusesOf([userId])).get(userId) ?? "offline";
  if (status === "offline") return;
  const me = await db().user.findUnique({ where: { id: userId }, select: { lastSeenAt: true } });
  const update = { user_id: userId, online: true, status, last_seen: me?.lastSeenAt?.toISOString() ?? null };
  emitToUsers(await contactsOf(userId), "presence_update", update);
  emitToUsers([userId], "presence_update", { ...update, my_status: await chosenStatus(userId) });
}

/** `set_status`: stored (it outlives the sockets), announced when it changes what contacts see. */
export function setChosenStatus(userId: string, status: ChosenStatus): Promise<{ status: ChosenStatus; presence: PresenceStatus }> {
  return serialized(userId, async () => {
    if (status === "auto") await db().chatStatus.deleteMany({ where: { userId } });
    else await db().chatStatus.upsert({ where: { userId }, create: { userId, status }, update: { status } });
    await announceStatus(userId);
    return { status, presence: (await statusesOf([userId])).get(userId) ?? "offline" };
  });
}

/** `set_idle` from one tab: the user turns away when every tab is idle, back when any is active. */
export function socketIdle(userId: string, socketId: string, idle: boolean): Promise<void> {
  return serialized(userId, async () => {
    if (await presenceStore().setIdle(userId, socketId, idle)) await announceStatus(userId);
  });
}

/** A /chat socket connected: tells the user's contacts if it is the first, and returns who of them is online, with their status. */
export function userConnected(
  userId: string,
  socketId: string,
): Promise<{ online_user_ids: string[]; statuses: Record<string, PresenceStatus>; my_status: ChosenStatus }> {
  return serialized(userId, async () => {
    const first = await presenceStore().connect(userId, socketId);
    const contacts = first ? await announce(userId, true) : await contactsOf(userId);
    return { ...(await snapshot(contacts)), my_status: await chosenStatus(userId) };
  });
}

/** A /chat socket went away: the user's last one starts the grace (the sweeper announces "offline" after it). */
export function userDisconnected(userId: string, socketId: string): Promise<void> {
  return serialized(userId, () => presenceStore().disconnect(userId, socketId));
}

/** Announce "offline" (and set users.last_seen_at) for each user whose grace ended; one node announces each. */
export async function sweepPresence(): Promise<void> {
  for (const userId of await presenceStore().due())
    await serialized(userId, async () => {
      // A socket that came back on this node between the claim and now: nothing to say.
      if (!(await presenceStore().onlineAmong([userId])).has(userId)) await announce(userId, false);
    }).catch((err: unknown) => logger.warn({ err, userId }, "presence offline announce failed"));
}

/** Sweeps every second until the returned function is called (the composition root starts it). */
export function startPresenceSweeper(everyMs = 1000): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    void sweepPresence()
      .catch((err: unknown) => logger.warn({ err }, "presence sweep failed"))
      .finally(() => (running = false));
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
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
        const status = (await statusesOf([joiner])).get(joiner) ?? "online";
        emitToUsers(fresh, "presence_update", { user_id: joiner, online: true, status, last_seen: me?.lastSeenAt?.toISOString() ?? null });
        emitToUsers([joiner], "presence_snapshot", await snapshot(await contactsOf(joiner)));
      });
    }
  } catch (err) {
    logger.warn({ err, channelId }, "presence for new contacts failed");
  }
}
