import "server-only";
import { createAdapter } from "@socket.io/redis-streams-adapter";
import { env } from "@/lib/env.mjs";
import { watchOutages, type Redis } from "@/lib/redis/client";

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
