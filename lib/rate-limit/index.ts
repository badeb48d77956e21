import "server-only";
import { BlockList, isIP } from "node:net";
import { env } from "@/lib/env.mjs";
import { errors } from "@/lib/http/errors";
import { currentRequest } from "@/lib/http/request-context";

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

/**
 * The documented limits (docs/api.md, "Limits"): each action counts per account and per caller
 * address. The per-address budget is several accounts' worth, since a school's students often
 * share one NAT address; it stops one machine driving many accounts, not a classroom.
 */
export const LIMITS = {
  message: { perUser: 5, perIp: 50, windowMs: 1000 },
  reaction: { perUser: 5, perIp: 50, windowMs: 1000 },
  upload: { perUser: 30, perIp: 200, windowMs: 60_000 },
  /** Sign-in attempts (token and session), on top of the per-account failure throttle. */
  signIn: { perUser: Infinity, perIp: 30, windowMs: 60_000 },
} as const;

export type LimitedAction = keyof typeof LIMITS;

/**
 * Counts one `action` for `account` (a user id, or for sign-ins nothing) and for the caller's
 * address (from the request context the HTTP and socket wrappers set); RATE_LIMITED when either
 * is over its budget. Both share the limiter in force, so they hold across nodes with Redis.
 */
export async function limitAction(action: LimitedAction, account?: string): Promise<void> {
  const { perUser, perIp, windowMs } = LIMITS[action];
  const limiter = rateLimiter();
  if (account && Number.isFinite(perUser)) await limiter.consume(`${action}:user:${account}`, perUser, windowMs);
  const ip = currentRequest()?.ip;
  if (ip && !isExemptAddress(ip)) await limiter.consume(`${action}:ip:${ip}`, perIp, windowMs);
}

const g2 = globalThis as unknown as { __m2gExempt?: { source: string[]; list: BlockList } };

/** Is this caller address (as lib/http/client-ip.ts writes it) in RATE_LIMIT_EXEMPT_NETWORKS? */
export function isExemptAddress(ip: string): boolean {
  const networks = env().RATE_LIMIT_EXEMPT_NETWORKS;
  if (!networks.length) return false;
  if (g2.__m2gExempt?.source !== networks) {
    const list = new BlockList();
    for (const n of networks) {
      const [address, prefix] = n.split("/");
      const type = isIP(address!) === 6 ? "ipv6" : "ipv4";
      if (prefix === undefined) list.addAddress(address!, type);
      else list.addSubnet(address!, Number(prefix), type);
    }
    g2.__m2gExempt = { source: networks, list };
  }
  // IPv6 callers are counted per /64 ("2001:db8:1:2::/64"): check the block's first address.
  const address = ip.endsWith("::/64") ? ip.slice(0, -3) : ip;
  const family = isIP(address);
  return family !== 0 && g2.__m2gExempt.list.check(address, family === 6 ? "ipv6" : "ipv4");
}
