import "server-only";
import { randomUUID } from "node:crypto";
import type { Redis } from "@/lib/redis/client";
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

// The same count without recording (check), and a record without a limit (record).
const CHECK = `
local key, now, window, limit = KEYS[1], tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', key, 0, now - window)
if redis.call('ZCARD', key) >= limit then
  local oldest = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
  return {0, tonumber(oldest[2])}
end
return {1, 0}
`;
const RECORD = `
local key, now, window, member = KEYS[1], tonumber(ARGV[1]), tonumber(ARGV[2]), ARGV[3]
redis.call('ZREMRANGEBYSCORE', key, 0, now - window)
redis.call('ZADD', key, now, member)
redis.call('PEXPIRE', key, window)
return 1
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
    const now = Date.now();
    const result = await this.run(SCRIPT, key, [now, windowMs, limit, `${now}:${randomUUID()}`]);
    if (!result) return this.fallback.consume(key, limit, windowMs);
    this.refuseWhen(result, windowMs);
  }

  async check(key: string, limit: number, windowMs: number): Promise<void> {
    const result = await this.run(CHECK, key, [Date.now(), windowMs, limit]);
    if (!result) return this.fallback.check(key, limit, windowMs);
    this.refuseWhen(result, windowMs);
  }

  async record(key: string, windowMs: number): Promise<void> {
    const now = Date.now();
    if (!(await this.run(RECORD, key, [now, windowMs, `${now}:${randomUUID()}`]))) return this.fallback.record(key, windowMs);
  }

  /** The script's answer, or null while Redis cannot be reached (the caller falls back). */
  private async run(script: string, key: string, args: (string | number)[]): Promise<[number, number] | null> {
    if (!this.redis.isReady) return null;
    try {
      const out = await this.redis.eval(script, { keys: [`${env().REDIS_PREFIX}:rl:${key}`], arguments: args.map(String) });
      return (Array.isArray(out) ? out : [out, 0]) as [number, number];
    } catch {
      return null;
    }
  }

  private refuseWhen([allowed, oldest]: [number, number], windowMs: number): void {
    if (allowed === 1) return;
    throw errors.rateLimited((oldest + windowMs - Date.now()) / 1000, "Too many requests, slow down");
  }
}
