import "server-only";
import { randomUUID } from "node:crypto";
import type { Redis } from "@/lib/realtime/redis";
import { env } from "@/lib/env.mjs";
import { errors } from "@/lib/http/errors";
import type { RateLimiter } from "./index";

// Sliding-window log in a sorted set, atomically: drop old entries, count, add if under the limit.
// Returns {allowed (1/0), oldest score}.
const SCRIPT = `
local key, now, window, limit, member = KEYS[1], tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), ARGV[4]
redis.call('ZREMRANGEBYSCORE', key, 0, now - window)
local count = redis.call('ZCARD', key)
if count >= limit then
  local oldest = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
  return {0, tonumber(oldest[2])}
end
redis.call('ZADD', key, now, member)
redis.call('PEXPIRE', key, window)
return {1, 0}
`;

/**
 * Limits shared by every node. While Redis is unreachable it falls back to the node's own
 * memory limiter rather than refusing or allowing everything.
 */
export class RedisRateLimiter implements RateLimiter {
  constructor(
    private readonly redis: Redis,
    private readonly fallback: RateLimiter,
  ) {}

  async consume(key: string, limit: number, windowMs: number): Promise<void> {
    if (!this.redis.isReady) return this.fallback.consume(key, limit, windowMs);
    let result: [number, number];
    try {
      const now = Date.now();
      result = (await this.redis.eval(SCRIPT, {
        keys: [`${env().REDIS_PREFIX}:rl:${key}`],
        arguments: [String(now), String(windowMs), String(limit), `${now}:${randomUUID()}`],
      })) as [number, number];
    } catch {
      return this.fallback.consume(key, limit, windowMs);
    }
    if (result[0] === 1) return;
    throw errors.rateLimited((result[1] + windowMs - Date.now()) / 1000, "Too many requests, slow down");
  }
}
