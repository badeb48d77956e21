import "server-only";
import { BlockList, isIP } from "node:net";
import { env } from "@/lib/env.mjs";
import { errors, type ApiError } from "@/lib/http/errors";
import { currentRequest } from "@/lib/http/request-context";
import { peekSingleton, setSingleton, singleton } from "@/lib/system/singleton";

/** Sliding-window limiter: at most `limit` events per `windowMs` for a key. */
export interface RateLimiter {
  /** Records one event; throws RATE_LIMITED (with Retry-After) when the key is over its limit. */
  consume(key: string, limit: number, windowMs: number): Promise<void>;
  /** Throws RATE_LIMITED when the key already has `limit` events in the window; records nothing. */
  check(key: string, limit: number, windowMs: number): Promise<void>;
  /** Records one event whatever the count (events counted after the fact, like failed sign-ins). */
  record(key: string, windowMs: number): Promise<void>;
}

/** One process's memory. Several nodes share a Redis-backed limiter instead (docs/deploy.md). */
export class MemoryRateLimiter implements RateLimiter {
  private readonly hits = new Map<string, number[]>();
  private sweeps = 0;

  async consume(key: string, limit: number, windowMs: number): Promise<void> {
    const now = Date.now();
    const recent = this.recent(key, now, windowMs, limit);
    recent.push(now);
    if (++this.sweeps % 10_000 === 0) this.sweep(now, windowMs);
  }

  async check(key: string, limit: number, windowMs: number): Promise<void> {
    this.recent(key, Date.now(), windowMs, limit);
  }

  async record(key: string, windowMs: number): Promise<void> {
    const now = Date.now();
    this.recent(key, now, windowMs, Infinity).push(now);
    if (++this.sweeps % 10_000 === 0) this.sweep(now, windowMs);
  }

  /** The key's events still in the window (kept), or RATE_LIMITED when there are `limit` of them. */
  private recent(key: string, now: number, windowMs: number, limit: number): number[] {
    const recent = (this.hits.get(key) ?? []).filter((t) => now - t < windowMs);
    this.hits.set(key, recent);
    if (recent.length >= limit) throw errors.rateLimited((recent[0]! + windowMs - now) / 1000, "Too many requests, slow down");
    return recent;
  }

  private sweep(now: number, windowMs: number) {
    for (const [key, times] of this.hits) if (times.every((t) => now - t >= windowMs)) this.hits.delete(key);
  }
}

declare module "@/lib/system/singleton" {
  interface ProcessSingletons {
    rateLimiter: RateLimiter;
    signInGates: Map<string, Gate>;
    exemptNetworks: { source: string[]; list: BlockList };
  }
}

/** The limiter in force, with RATE_LIMIT_SCALE applied to every limit. */
export function rateLimiter(): RateLimiter {
  const limiter = singleton("rateLimiter", () => new MemoryRateLimiter());
  const scale = env().RATE_LIMIT_SCALE;
  if (scale === 1) return limiter;
  const scaled = (limit: number) => Math.max(1, Math.round(limit * scale));
  return {
    consume: (key, limit, windowMs) => limiter.consume(key, scaled(limit), windowMs),
    check: (key, limit, windowMs) => limiter.check(key, scaled(limit), windowMs),
    record: (key, windowMs) => limiter.record(key, windowMs),
  };
}

export function setRateLimiter(limiter: RateLimiter): void {
  setSingleton("rateLimiter", limiter);
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
  /** Password-reset requests: "per user" counts per email address (known or not), per hour. */
  passwordReset: { perUser: 3, perIp: 20, windowMs: 60 * 60_000 },
  /** Polls, questions, hands, moderation and the video queue in rooms. */
  interaction: { perUser: 10, perIp: 100, windowMs: 1000 },
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

/**
 * Failed sign-ins (token and session) per caller address, on top of the per-account failure
 * throttle (lib/accounts/throttle.ts). Only failures count: a lecture hall behind one NAT address
 * signs in hundreds of students a minute, while a machine guessing passwords is cut after 30.
 */
export const SIGN_IN_FAILURES = { perIp: 30, windowMs: 60_000 } as const;
/**
 * Sign-ins of one address verified at once on a node. Failures are only known after the password
 * check, so without it a burst of guesses sent together would all pass the budget check before
 * the first was counted; with it a burst overshoots by at most this many per node. Argon2 runs on
 * libuv's 4 threads, so more parallelism would not sign a hall in faster anyway.
 */
export const SIGN_IN_CONCURRENCY_PER_ADDRESS = 4;

type Gate = { active: number; waiting: (() => void)[] };

async function enterGate(ip: string): Promise<void> {
  const gates = singleton("signInGates", () => new Map());
  let gate = gates.get(ip);
  if (!gate) gates.set(ip, (gate = { active: 0, waiting: [] }));
  if (gate.active < SIGN_IN_CONCURRENCY_PER_ADDRESS) {
    gate.active++;
    return;
  }
  // The slot is handed over by leaveGate, so `active` stays as it is.
  await new Promise<void>((resolve) => gate.waiting.push(resolve));
}

function leaveGate(ip: string): void {
  const gates = singleton("signInGates", () => new Map());
  const gate = gates.get(ip)!;
  const next = gate.waiting.shift();
  if (next) next();
  else if (--gate.active === 0) gates.delete(ip);
}

/** The caller's address when per-address limits apply to it (none for exempt networks). */
function limitedAddress(): string | undefined {
  const ip = currentRequest()?.ip;
  return ip && !isExemptAddress(ip) ? ip : undefined;
}

/**
 * Runs one sign-in check for the caller's address: RATE_LIMITED (nothing verified) once the
 * address has had SIGN_IN_FAILURES failures in the window; `fn` calls `signInFailed()` when the
 * credentials are wrong. Successful sign-ins never use the address's budget.
 */
export async function guardSignIn<T>(fn: () => Promise<T>): Promise<T> {
  const ip = limitedAddress();
  if (!ip) return fn();
  await enterGate(ip);
  try {
    await rateLimiter()
      .check(`signInFailure:ip:${ip}`, SIGN_IN_FAILURES.perIp, SIGN_IN_FAILURES.windowMs)
      .catch((err: unknown) => {
        // The limiter may be the other module graph's (server.ts sets the Redis one): match the code.
        if ((err as { code?: unknown })?.code === "RATE_LIMITED") {
          throw errors.rateLimited(
            (err as ApiError).retryAfter ?? 1,
            "Too many failed sign-in attempts from your network. Try again later.",
          );
        }
        throw err;
      });
    return await fn();
  } finally {
    leaveGate(ip);
  }
}

/** Counts a failed sign-in against the caller's address (see guardSignIn). */
export async function signInFailed(): Promise<void> {
  const ip = limitedAddress();
  if (ip) await rateLimiter().record(`signInFailure:ip:${ip}`, SIGN_IN_FAILURES.windowMs);
}

/** Is this caller address (as lib/http/client-ip.ts writes it) in RATE_LIMIT_EXEMPT_NETWORKS? */
export function isExemptAddress(ip: string): boolean {
  const networks = env().RATE_LIMIT_EXEMPT_NETWORKS;
  if (!networks.length) return false;
  let exempt = peekSingleton("exemptNetworks");
  if (exempt?.source !== networks) {
    const list = new BlockList();
    for (const n of networks) {
      const [address, prefix] = n.split("/");
      const type = isIP(address!) === 6 ? "ipv6" : "ipv4";
      if (prefix === undefined) list.addAddress(address!, type);
      else list.addSubnet(address!, Number(prefix), type);
    }
    setSingleton("exemptNetworks", (exempt = { source: networks, list }));
  }
  // IPv6 callers are counted per /64 ("2001:db8:1:2::/64"): check the block's first address.
  const address = ip.endsWith("::/64") ? ip.slice(0, -3) : ip;
  const family = isIP(address);
  return family !== 0 && exempt.list.check(address, family === 6 ? "ipv6" : "ipv4");
}
