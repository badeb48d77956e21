import "server-only";
import { createClient, type RedisClientType } from "redis";
import { logger } from "@/lib/log/logger";
import { peekSingleton, setSingleton, singleton } from "@/lib/system/singleton";

export type Redis = RedisClientType;

type BackListener = (side: "publisher" | "reader") => void;
declare module "@/lib/system/singleton" {
  interface ProcessSingletons {
    redis: Redis;
    redisBackListeners: Set<BackListener>;
  }
}
const backListeners = singleton("redisBackListeners", () => new Set());

/**
 * Called when Redis is reachable again after an outage, for the client this node publishes with
 * (what it broadcast meanwhile reached only its own sockets) or the one the adapter reads with
 * (what other nodes broadcast meanwhile never came here). /chat answers with `resync`.
 */
export function onRedisBack(listener: BackListener): void {
  backListeners.add(listener);
}

/** Tells the listeners once a client that failed is ready again (after the adapter's reader resumed). */
export function watchOutages(client: Redis, side: "publisher" | "reader", onDown?: () => void, onBack?: () => void): void {
  let down = false;
  client.on("error", () => {
    if (!down) onDown?.();
    down = true;
  });
  client.on("ready", () => {
    if (!down) return;
    down = false;
    onBack?.();
    setTimeout(() => {
      for (const listener of backListeners) listener(side);
    }, 250);
  });
}

/** The shared Redis client when REDIS_URL is set (several nodes), else undefined. */
export function getRedis(): Redis | undefined {
  return peekSingleton("redis");
}

/**
 * Connect to Redis for the Socket.IO adapter and shared state. Commands fail fast while Redis is
 * away (no offline queue): callers degrade to node-local behaviour instead of piling up work.
 */
export async function connectRedis(url: string): Promise<Redis> {
  const log = logger.child({ component: "redis" });
  const client = createClient({
    url,
    disableOfflineQueue: true,
    // No CLIENT SETINFO handshake: redis 5.9 swallows its errors, so a reconnect that lands on a
    // Redis being killed turns "ready" on a dead socket and every later command hangs for good
    // (the node never reconnects; redis/node-redis#3104, fixed in 5.11). Duplicates (the
    // adapter's reader) inherit it.
    disableClientInfo: true,
    socket: { reconnectStrategy: (retries) => Math.min(100 * 2 ** retries, 2000), connectTimeout: 5000 },
  }) as Redis;
  let lastError = "";
  client.on("error", (err: Error) => (lastError = err.message));
  watchOutages(
    client,
    "publisher",
    () => log.warn({ err: lastError }, "redis unavailable: delivery is node-local until it is back"),
    () => log.info("redis is back"),
  );
  await client.connect();
  setSingleton("redis", client);
  return client;
}
