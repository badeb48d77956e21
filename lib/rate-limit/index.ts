import "server-only";
import { env } from "@/lib/env.mjs";
import { errors } from "@/lib/http/errors";

/** Sliding-window limiter: at most `limit` events per `windowMs` for a key. */
export interface RateLimiter {
  /** Records one event; throws RATE_LIMITED (with Retry-After) when the key is over its limit. */
  consume(key: string, limit: number, windowMs: number): Promise<void>;
}

/** One process's memory. Several nodes share a Redis-backed limiter instead (docs/deploy.md). */
export class MemoryRateLimiter implements RateLimiter {
  private readonly hits = new Map<string, number[]>();
  private sweeps = 0;

  async consume(key: string, limit: number, windowMs: number): Promise<void> {
    const now = Date.now();
    const recent = (this.hits.get(key) ?? []).filter((t) => now - t < windowMs);
    if (recent.length >= limit) {
      this.hits.set(key, recent);
      throw errors.rateLimited((recent[0]! + windowMs - now) / 1000, "Too many requests, slow down");
    }
    recent.push(now);
    this.hits.set(key, recent);
    if (++this.sweeps % 10_000 === 0) this.sweep(now, windowMs);
  }

  private sweep(now: number, windowMs: number) {
    for (const [key, times] of this.hits) if (times.every((t) => now - t >= windowMs)) this.hits.delete(key);
  }
}

const g = globalThis as unknown as { __m2gRateLimiter?: RateLimiter };

/** The limiter in force, with RATE_LIMIT_SCALE applied to every limit. */
export function rateLimiter(): RateLimiter {
  const limiter = (g.__m2gRateLimiter ??= new MemoryRateLimiter());
  const scale = env().RATE_LIMIT_SCALE;
  if (scale === 1) return limiter;
  return { consume: (key, limit, windowMs) => limiter.consume(key, Math.max(1, Math.round(limit * scale)), windowMs) };
}

export function setRateLimiter(limiter: RateLimiter): void {
  g.__m2gRateLimiter = limiter;
}

/** The documented limits (docs/api.md). */
export const LIMITS = {
  messagesPerSecond: 5,
  reactionsPerSecond: 5,
} as const;
