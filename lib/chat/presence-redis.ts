import "server-only";
import type { NodeSocketSets } from "@/lib/redis/node-sets";
import { MemoryPresenceStore, type PresenceStore } from "./presence";

/**
 * Presence shared by every node (REDIS_URL): a Redis set of each user's sockets across nodes
 * (lib/redis/node-sets.ts). While Redis is away it answers from the node's own memory, so a
 * Redis outage degrades presence to node-local rather than failing connections.
 */
export class RedisPresenceStore implements PresenceStore {
  private readonly local = new MemoryPresenceStore();

  constructor(private readonly sets: NodeSocketSets) {}

  async connect(userId: string, socketId: string): Promise<boolean> {
    const local = await this.local.connect(userId, socketId);
    const c = await this.sets.change(`presence:${userId}`, socketId, "add");
    return c ? c.before === 0 && c.after > 0 : local;
  }

  async disconnect(userId: string, socketId: string): Promise<boolean> {
    const local = await this.local.disconnect(userId, socketId);
    const c = await this.sets.change(`presence:${userId}`, socketId, "rem");
    return c ? c.before > 0 && c.after === 0 : local;
  }

  async onlineAmong(userIds: Iterable<string>): Promise<Set<string>> {
    const ids = [...userIds];
    if (!ids.length) return new Set();
    const live = await this.sets.liveNodes(ids.map((id) => `presence:${id}`));
    if (!live) return this.local.onlineAmong(ids);
    return new Set(ids.filter((_, i) => live[i]!.length > 0));
  }
}
