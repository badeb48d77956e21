import "server-only";
import { createAdapter } from "@socket.io/redis-streams-adapter";
import { createClient, type RedisClientType } from "redis";
import { env } from "@/lib/env.mjs";
import { logger } from "@/lib/log/logger";

export type Redis = RedisClientType;

type BackListener = (side: "publisher" | "reader") => void;
const g = globalThis as unknown as { __m2gRedis?: Redis; __m2gRedisBack?: Set<BackListener> };
const backListeners = (g.__m2gRedisBack ??= new Set());

/**
 * Called when Redis is reachable again after an outage, for the client this node publishes with
 * (what it broadcast meanwhile reached only its own sockets) or the one the adapter reads with
 * (what other nodes broadcast meanwhile never came here). /chat answers with `resync`.
 */
export function onRedisBack(listener: BackListener): void {
  backListeners.add(listener);
}

/** Tells the listeners once a client that failed is ready again (after the adapter's reader resumed). */
function watchOutages(client: Redis, side: "publisher" | "reader", onDown?: () => void, onBack?: () => void): void {
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
  return g.__m2gRedis;
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
  g.__m2gRedis = client;
  return client;
}

/**
 * The adapter publishes with the client it is given and reads its stream with a duplicate of
 * it, polling XREAD in a loop that retries at once on error. Publishing must fail fast while
 * Redis is away (so local delivery goes on), but a failing read would spin that loop and starve
 * the event loop: the reading duplicate keeps an offline queue, so its XREAD simply waits for
 * Redis to come back.
 */
function forAdapter(client: Redis): Redis {
  return new Proxy(client, {
    get(target, prop) {
      if (prop === "duplicate")
        return () => {
          const reader = target.duplicate({ disableOfflineQueue: false }) as Redis;
          watchOutages(reader, "reader");
          return reader;
        };
      const value = Reflect.get(target, prop, target) as unknown;
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

export function redisAdapter(client: Redis) {
  const prefix = env().REDIS_PREFIX;
  return createAdapter(forAdapter(client), {
    streamName: `${prefix}:socket.io`,
    channelPrefix: `${prefix}:socket.io`,
    sessionKeyPrefix: `${prefix}:sio:session:`,
    onlyPlaintext: true,
  });
}
