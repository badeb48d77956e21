import "server-only";
import { emitToRoom, type ReactionGroupJson, type ReactionJson } from "./events";
import { singleton } from "@/lib/system/singleton";

/** How long a room's reactions gather before they go out together. */
export const REACTION_TICK_MS = 100;

export type { ReactionGroupJson, ReactionJson };

interface Pending {
  latest: ReactionJson;
  groups: Map<string, { emoji: string; count: number; users: Set<string>; video_time?: number }>;
  total: number;
}

declare module "@/lib/system/singleton" {
  interface ProcessSingletons {
    reactionTicks: Map<string, Pending>;
  }
}
const pending = singleton("reactionTicks", () => new Map());

/**
 * One `reaction` event per room per tick instead of one per reaction: a storm of hundreds a
 * second was hundreds of frames to every socket of the room, queued ahead of its chat. The
 * contract's fields describe the tick's latest reaction, so a listener written against one
 * reaction per event still reads a valid one; `batch` (counts per emoji and video time) and
 * `total` carry all of them. Each node batches its own reactions and emits once per tick
 * through the adapter.
 */
export function queueReaction(reaction: ReactionJson): void {
  let tick = pending.get(reaction.room_id);
  if (!tick) {
    tick = { latest: reaction, groups: new Map(), total: 0 };
    pending.set(reaction.room_id, tick);
    const room = reaction.room_id;
    setTimeout(() => flush(room), REACTION_TICK_MS).unref?.();
  }
  tick.latest = reaction;
  tick.total++;
  // video_time is rounded to 0.1 s: a tick spans one or two values, so the groups stay few.
  const key = `${reaction.emoji}\u0000${reaction.video_time ?? ""}`;
  const group = tick.groups.get(key) ?? {
    emoji: reaction.emoji,
    count: 0,
    users: new Set<string>(),
    ...(reaction.video_time !== undefined ? { video_time: reaction.video_time } : {}),
  };
  group.count++;
  group.users.add(reaction.user.id);
  tick.groups.set(key, group);
}

function flush(room: string): void {
  const tick = pending.get(room);
  pending.delete(room);
  if (!tick) return;
  const batch: ReactionGroupJson[] = [...tick.groups.values()].map(({ users, ...group }) => ({ ...group, user_ids: [...users] }));
  emitToRoom(room, "reaction", { ...tick.latest, batch, total: tick.total });
}
