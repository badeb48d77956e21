import "server-only";
import { randomUUID } from "node:crypto";
import { env } from "@/lib/env.mjs";
import type { Redis } from "@/lib/realtime/redis";
import { MemoryPresenceStore, type PresenceStore } from "./presence";

// Members of presence:<user> are "<node>|<socket>"; a node proves it is alive with a heartbeat
// key. Each change first drops the members of dead nodes, so a crashed node's sockets stop
// counting as soon as anyone's presence is touched, and counts stay exact across nodes.
const CHANGE = `
local key, hbPrefix, member, op = KEYS[1], ARGV[1], ARGV[2], ARGV[3]
for _, m in ipairs(redis.call('SMEMBERS', key)) do
  local node = string.match(m, '^([^|]+)|')
  if node and redis.call('EXISTS', hbPrefix .. node) == 0 then redis.call('SREM', key, m) end
end
local before = redis.call('SCARD', key)
if op == 'add' then redis.call('SADD', key, member) else redis.call('SREM', key, member) end
local after = redis.call('SCARD', key)
if after == 0 then redis.call('DEL', key) end
return {before, after}
`;

const HEARTBEAT_MS = 10_000;

/**
 * Presence shared by every node (REDIS_URL). While Redis is away it answers from the node's own
 * memory, so a Redis outage degrades presence to node-local rather than failing connections.
 */
export class RedisPresenceStore implements PresenceStore {
  private readonly node = randomUUID();
  private readonly prefix = env().REDIS_PREFIX;
  private readonly local = new MemoryPresenceStore();
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly redis: Redis) {
    const beat = () => void this.redis.set(this.heartbeatKey(this.node), "1", { PX: HEARTBEAT_MS * 3 }).catch(() => {});
    beat();
    this.timer = setInterval(beat, HEARTBEAT_MS);
    this.timer.unref();
  }

  private heartbeatKey(node: string) {
    return `${this.prefix}:presence-node:${node}`;
  }

  private async change(userId: string, socketId: string, op: "add" | "rem"): Promise<[number, number] | null> {
    if (!this.redis.isReady) return null;
    try {
      return (await this.redis.eval(CHANGE, {
        keys: [`${this.prefix}:presence:${userId}`],
        arguments: [`${this.prefix}:presence-node:`, `${this.node}|${socketId}`, op],
      })) as [number, number];
    } catch {
      return null;
    }
  }

  async connect(userId: string, socketId: string): Promise<boolean> {
    const local = await this.local.connect(userId, socketId);
    const counts = await this.change(userId, socketId, "add");
    return counts ? counts[0] === 0 && counts[1] > 0 : local;
  }

  async disconnect(userId: string, socketId: string): Promise<boolean> {
    const local = await this.local.disconnect(userId, socketId);
    const counts = await this.change(userId, socketId, "rem");
    return counts ? counts[0] > 0 && counts[1] === 0 : local;
  }

  async onlineAmong(userIds: Iterable<string>): Promise<Set<string>> {
    const ids = [...userIds];
    if (!ids.length) return new Set();
    if (!this.redis.isReady) return this.local.onlineAmong(ids);
    try {
      const multi = this.redis.multi();
      for (const id of ids) multi.sMembers(`${this.prefix}:presence:${id}`);
      const members = (await multi.exec()) as unknown as string[][];
      const nodes = [...new Set(members.flat().map((m) => m.split("|")[0]!))];
      const alive = new Set<string>();
      if (nodes.length) {
        const flags = await this.redis.mGet(nodes.map((n) => this.heartbeatKey(n)));
        nodes.forEach((n, i) => flags[i] && alive.add(n));
      }
      return new Set(ids.filter((_, i) => members[i]!.some((m) => alive.has(m.split("|")[0]!))));
    } catch {
      return this.local.onlineAmong(ids);
    }
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
