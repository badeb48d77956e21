import "server-only";
import { randomUUID } from "node:crypto";
import type { Redis } from "./client";

// Sets of this cluster's sockets kept in Redis (presence, the per-user socket cap). Members are
// "<node>|<socket>"; each node proves it is alive with a heartbeat key, and every change first
// drops the members of dead nodes, so a crashed node's sockets stop counting as soon as anyone
// touches the set, and counts stay exact across nodes.
const CHANGE = `
local key, hbPrefix, member, op, limit = KEYS[1], ARGV[1], ARGV[2], ARGV[3], tonumber(ARGV[4])
for _, m in ipairs(redis.call('SMEMBERS', key)) do
  local node = string.match(m, '^([^|]+)|')
  if node and redis.call('EXISTS', hbPrefix .. node) == 0 then redis.call('SREM', key, m) end
end
local before = redis.call('SCARD', key)
if op == 'add' then
  if limit and limit >= 0 and before >= limit and redis.call('SISMEMBER', key, member) == 0 then return {before, before, 1} end
  redis.call('SADD', key, member)
else
  redis.call('SREM', key, member)
end
local after = redis.call('SCARD', key)
if after == 0 then redis.call('DEL', key) end
return {before, after, 0}
`;

// A node's heartbeat lives HEARTBEAT_TTL_MS: a dead node's sockets stop counting that long after it died.
const HEARTBEAT_MS = 3_000;
export const HEARTBEAT_TTL_MS = 10_000;

export interface SetChange {
  before: number;
  after: number;
  /** An add refused because the set was at its limit. */
  refused: boolean;
}

export class NodeSocketSets {
  readonly node = randomUUID();
  private readonly timer: NodeJS.Timeout;
  private readonly rejoinListeners = new Set<() => void | Promise<void>>();

  constructor(
    readonly redis: Redis,
    readonly prefix: string,
  ) {
    let first = true;
    // Reasons to put this node's state back (a Redis restart, a lapsed heartbeat), counted; the
    // count done moves only when every owner succeeded, so a re-registration that fails (Redis
    // gone again) is retried at the next beat instead of being lost.
    let wanted = 0;
    let done = 0;
    // SET ... GET: a beat that finds no previous value means the key lapsed (a stalled node, or a
    // Redis that lost it) and other nodes may have swept this node's sockets: put them back.
    const beat = async () => {
      const previous = await this.redis.set(this.heartbeatKey(this.node), "1", { PX: HEARTBEAT_TTL_MS, GET: true }).catch(() => undefined);
      if (previous === undefined) return;
      if (previous === null && !first) wanted++;
      first = false;
      const target = wanted;
      if (done < target && (await this.rejoin())) done = Math.max(done, target);
    };
    void beat();
    this.timer = setInterval(() => void beat(), HEARTBEAT_MS);
    this.timer.unref();
    // A Redis that restarted has lost every set: beat at once (members without a live heartbeat are
    // dropped), then let each owner put this node's sockets back.
    this.redis.on("ready", () => {
      wanted++;
      void beat();
    });
  }

  /** True when every listener re-registered its state. */
  private async rejoin(): Promise<boolean> {
    let ok = true;
    for (const listener of this.rejoinListeners)
      await Promise.resolve(listener()).catch(() => {
        ok = false;
      });
    return ok;
  }

  /** Called each time Redis is reachable again, after this node's heartbeat is back: re-register local state. */
  onRejoin(listener: () => void | Promise<void>): void {
    this.rejoinListeners.add(listener);
  }

  heartbeatKey(node: string): string {
    return `${this.prefix}:presence-node:${node}`;
  }

  /** Adds or removes this node's socket; null while Redis cannot be reached. */
  async change(key: string, socketId: string, op: "add" | "rem", limit = -1): Promise<SetChange | null> {
    if (!this.redis.isReady) return null;
    try {
      const [before, after, refused] = (await this.redis.eval(CHANGE, {
        keys: [`${this.prefix}:${key}`],
        arguments: [`${this.prefix}:presence-node:`, `${this.node}|${socketId}`, op, String(limit)],
      })) as [number, number, number];
      return { before, after, refused: refused === 1 };
    } catch {
      return null;
    }
  }

  /** The live members' node ids per key (dead nodes' members left out); null without Redis. */
  async liveNodes(keys: string[]): Promise<string[][] | null> {
    if (!this.redis.isReady) return null;
    try {
      const multi = this.redis.multi();
      for (const k of keys) multi.sMembers(`${this.prefix}:${k}`);
      const members = ((await multi.exec()) as unknown as string[][]).map((ms) => ms.map((m) => m.split("|")[0]!));
      const nodes = [...new Set(members.flat())];
      const alive = new Set<string>();
      if (nodes.length) {
        const flags = await this.redis.mGet(nodes.map((n) => this.heartbeatKey(n)));
        nodes.forEach((n, i) => flags[i] && alive.add(n));
      }
      return members.map((ms) => ms.filter((n) => alive.has(n)));
    } catch {
      return null;
    }
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
