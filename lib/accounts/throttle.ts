import "server-only";
import { createHash } from "node:crypto";
import { db } from "@/lib/db/prisma";
import { currentRequest } from "@/lib/http/request-context";
import { errors } from "@/lib/http/errors";

export const LOGIN_MAX_FAILURES = 10;
export const LOGIN_WINDOW_MS = 15 * 60 * 1000;

/** Refuse (429) while the key has had too many failures in the window, right password or not. */
export async function assertLoginAllowed(key: string): Promise<void> {
  const since = new Date(Date.now() - LOGIN_WINDOW_MS);
  const recent = await db().loginFailure.findMany({
    where: { key, createdAt: { gt: since } },
    orderBy: { createdAt: "desc" },
    take: LOGIN_MAX_FAILURES,
    select: { createdAt: true },
  });
  if (recent.length < LOGIN_MAX_FAILURES) return;
  // Allowed again once the oldest of the last N failures leaves the window.
  const oldest = recent[recent.length - 1]!.createdAt.getTime();
  const retryAfter = (oldest + LOGIN_WINDOW_MS - Date.now()) / 1000;
  throw errors.rateLimited(retryAfter, "Too many failed sign-in attempts. Try again later.");
}

export async function recordLoginFailure(key: string): Promise<void> {
  await db().loginFailure.create({ data: { key } });
  // Keep the table small: anything outside the window no longer matters.
  if (Math.random() < 0.05) {
    await db().loginFailure.deleteMany({ where: { createdAt: { lt: new Date(Date.now() - LOGIN_WINDOW_MS) } } });
  }
}

export async function clearLoginFailures(key: string): Promise<void> {
  await db().loginFailure.deleteMany({ where: { key } });
}

/** How long an address stays "known" to an account after its last successful sign-in. */
export const KNOWN_SOURCE_DAYS = 90;

/** The caller's address as stored for the account (hashed with the account id: no address list at rest). */
function sourceFor(userId: string): string | null {
  const ip = currentRequest()?.ip;
  if (!ip || ip === "unknown") return null;
  return createHash("sha256").update(`${userId}\n${ip}`).digest("base64url").slice(0, 22);
}

/** The caller's source id when the account signed in successfully from this address recently, else null. */
export async function knownSource(userId: string): Promise<string | null> {
  const source = sourceFor(userId);
  if (!source) return null;
  const since = new Date(Date.now() - KNOWN_SOURCE_DAYS * 24 * 60 * 60 * 1000);
  const row = await db().knownSignInSource.findFirst({ where: { userId, source, lastSeenAt: { gt: since } }, select: { source: true } });
  return row ? source : null;
}

/** After a successful password sign-in: the caller's address becomes known to the account. */
export async function rememberSource(userId: string): Promise<void> {
  const source = sourceFor(userId);
  if (!source) return;
  await db().knownSignInSource.upsert({
    where: { userId_source: { userId, source } },
    create: { userId, source },
    update: { lastSeenAt: new Date() },
  });
}
