import "server-only";
import { createAdapter } from "@socket.io/redis-streams-adapter";
import { createClient, type RedisClientType } from "redis";
import { env } from "@/lib/env.mjs";
import { logger } from "@/lib/log/logger";

export type Redis = RedisClientType;

const g = globalThis as unknown as { __m2gRedis?: Redis; __m2gRedisBack?: Set<() => void> };
const backListeners = (g.__m2gRedisBack ??= new Set());

/**
 * Called when Redis is reachable again after an outage: what other nodes broadcast meanwhile
 * never reached this node's sockets, so they are told to catch up (`resync` on /chat).
 */
export function onRedisBack(listener: () => void): void {
  backListeners.add(listener);
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
  let down = false;
  client.on("error", (err: Error) => {
    if (!down) log.warn({ err: err.message }, "redis unavailable: delivery is node-local until it is back");
    down = true;
  });
  client.on("ready", () => {
    if (!down) return;
    log.info("redis is back");
    down = false;
    // The adapter's reader resumes on its own connection: let it, then tell the sockets.
    setTimeout(() => {
      for (const listener of backListeners) listener();
    }, 250);
  });
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
      if (prop === "duplicate") return () => target.duplicate({ disableOfflineQueue: false });
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
