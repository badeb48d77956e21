import "server-only";
import type { NodeSocketSets } from "@/lib/redis/node-sets";
import { setSingleton, singleton } from "@/lib/system/singleton";

/** The cap on one user's open sockets per namespace (MAX_SOCKETS_PER_USER), across every node. */
export interface SocketCap {
  /** Records the socket; false (and nothing recorded) when the user is at the cap. */
  admit(ns: string, userId: string, socketId: string, limit: number): Promise<boolean>;
  release(ns: string, userId: string, socketId: string): Promise<void>;
}

export class MemorySocketCap implements SocketCap {
  private readonly sockets = new Map<string, Set<string>>();

  async admit(ns: string, userId: string, socketId: string, limit: number): Promise<boolean> {
    const key = `${ns}:${userId}`;
    const set = this.sockets.get(key) ?? new Set<string>();
    if (set.size >= limit && !set.has(socketId)) return false;
    set.add(socketId);
    this.sockets.set(key, set);
    return true;
  }

  async release(ns: string, userId: string, socketId: string): Promise<void> {
    const key = `${ns}:${userId}`;
    const set = this.sockets.get(key);
    set?.delete(socketId);
    if (set && !set.size) this.sockets.delete(key);
  }

  /** "<ns>:<user>" -> this node's sockets. */
  entries(): [string, string[]][] {
    return [...this.sockets].map(([key, set]) => [key, [...set]]);
  }
}

/**
 * Counted in Redis with the other nodes' sockets. While Redis is away the node counts its own
 * (a user could then hold the cap on each node until Redis is back).
 */
export class RedisSocketCap implements SocketCap {
  private readonly local = new MemorySocketCap();

  constructor(private readonly sets: NodeSocketSets) {
    // After a Redis restart the counts start from this node's sockets again, not from zero.
    sets.onRejoin(async () => {
      const multi = sets.redis.multi();
      for (const [key, sockets] of this.local.entries())
        multi.sAdd(
          `${sets.prefix}:sockets:${key}`,
          sockets.map((s) => `${sets.node}|${s}`),
        );
      await multi.exec();
    });
  }

  async admit(ns: string, userId: string, socketId: string, limit: number): Promise<boolean> {
    const local = await this.local.admit(ns, userId, socketId, limit);
    const c = await this.sets.change(`sockets:${ns}:${userId}`, socketId, "add", limit);
    const admitted = c ? !c.refused : local;
    if (!admitted && local) await this.local.release(ns, userId, socketId);
    return admitted;
  }

  async release(ns: string, userId: string, socketId: string): Promise<void> {
    await this.local.release(ns, userId, socketId);
    await this.sets.change(`sockets:${ns}:${userId}`, socketId, "rem");
  }
}

declare module "@/lib/system/singleton" {
  interface ProcessSingletons {
    socketCap: SocketCap;
  }
}

export function socketCap(): SocketCap {
  return singleton("socketCap", () => new MemorySocketCap());
}

export function setSocketCap(cap: SocketCap): void {
  setSingleton("socketCap", cap);
}
